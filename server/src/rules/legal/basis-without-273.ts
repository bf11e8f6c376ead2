/**
 * legal/basis-without-273
 *
 * What it checks: the normative-basis clause («разработано на основании», «в соответствии с:»,
 * «Правовая основа») does not cite Федеральный закон № 273-ФЗ «Об образовании в Российской
 * Федерации» (in any form: `273-ФЗ`, `273- ФЗ`, with a wrong date).
 * Why: every local act of an educational organisation is adopted under 273-ФЗ (ст. 28, 30);
 * regulations.md §3 requires it in the basis.
 * Options: none. A draft without a basis clause is the `structure` family's concern.
 * Fix: insert 273-ФЗ as the first item of the basis list, with the list's marker and in the case
 * the introduction asks for («в соответствии с:» → «Федеральным законом …»); no fix when the
 * clause has no list.
 */
import { legalFacts } from '../../legal/facts';
import { actById, canonicalCitation } from '../../legal/registry';
import { defineRule, type Fix } from '../types';

export default defineRule({
  id: 'legal/basis-without-273',
  description: 'В нормативном основании нет Федерального закона № 273-ФЗ «Об образовании в Российской Федерации»',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const facts = legalFacts(ctx);
    const basis = facts.basis;
    if (!basis) return;
    const cites273 = facts.citations.some((rc) =>
      rc.citation.range.start >= basis.range.start && rc.citation.range.start < basis.range.end &&
      (rc.resolution.act?.id === 'fz-273' || rc.citation.number?.normalized === '273-ФЗ'));
    if (cites273) return;
    const fixes: Fix[] = [];
    const act = actById(facts.data, 'fz-273');
    const first = basis.node.children.find((n) => n.kind === 'item');
    const line = first ? ctx.model.lines[first.line] : undefined;
    if (act && first && line) {
      const prefix = /^[^\S\r\n]*(?:[-–—·•⇒*+●▪►➢]|\d{1,2}\)|[а-я]\))[^\S\r\n]*/u.exec(ctx.text.slice(line.start, line.end))?.[0];
      if (prefix) {
        const content = ctx.text.slice(line.start, line.end).trimEnd();
        const punct = /[;,]$/.test(content) ? content.slice(-1) : ';';
        const blank = ctx.model.lines[first.line + 1]?.block === 'blank' ? ctx.model.eol : '';
        const rest = ctx.text.slice(line.start + prefix.length, line.end);
        const capital = /^\p{Lu}/u.test(rest) || !/^\p{Ll}/u.test(rest);
        const citation = canonicalCitation(facts.data, act, basis.case, capital);
        fixes.push({ title: 'Добавить Федеральный закон № 273-ФЗ в начало перечня', edits: [{ start: line.start, end: line.start, newText: `${prefix}${citation}${punct}${ctx.model.eol}${blank}` }] });
      }
    }
    ctx.report({
      range: basis.introRange,
      message: 'В нормативном основании нет Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»',
      fixes,
    });
  },
});
