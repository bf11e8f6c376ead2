/**
 * structure/required-elements
 *
 * What it checks: the elements of the profile that are not sections (`knowledge.structure.elements`,
 * regulations.md §3): the normative-basis clause (and that it cites Федеральный закон № 273-ФЗ),
 * the body that adopts the act (педагогический совет …), the councils' opinion (ч. 3 ст. 30
 * 273-ФЗ — proven by «с учетом мнения совета обучающихся …» or by stamps «СОГЛАСОВАНО Студенческим
 * советом / Советом родителей», «УЧТЕНО МНЕНИЕ»), the entry into force. The approval stamp has its
 * own rule (structure/approval-stamp). Each element's severity comes from the profile.
 * Why: without these elements the act's legal basis, the procedure of its adoption and the
 * moment it takes effect cannot be shown; prosecutors' protests cite exactly these omissions.
 * Options: none (the elements and their patterns are data: `structure.elements`).
 * The basis without 273-ФЗ is reported by legal/basis-without-273, not here.
 * Fix: a quick fix (not applied by «исправить всё»: the wording is the author's) appends a standard
 * clause for the missing element to the general section (the final one for the entry into force).
 */
import { insertElementFix } from '../../service/insertSection';
import { defineRule } from '../types';
import { documentAnchor, findSection, foldMixedWords } from './required-sections';

/**
 * The text with emphasis removed and whitespace runs collapsed, plus a map back to offsets
 * (left empty when `withMap` is false: the rule below reads only the text).
 */
export function searchableText(text: string, withMap = true): { text: string; map: number[] } {
  // Kept characters are collected as runs of the original text (one slice per run, not one
  // string per character): this runs over whole documents, 1 MB ones included.
  const parts: string[] = [];
  const map: number[] = [];
  let space = false;
  let kept = false;
  let runStart = -1;
  const flush = (end: number): void => {
    if (runStart >= 0) parts.push(text.slice(runStart, end));
    runStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 42 /* * */ || code === 95 /* _ */ || code === 92 /* \ */) {
      flush(i);
      continue;
    }
    if (isSpace(code)) {
      flush(i);
      space = true;
      continue;
    }
    if (space && kept) {
      parts.push(' ');
      if (withMap) map.push(i - 1);
    }
    space = false;
    kept = true;
    if (runStart < 0) runStart = i;
    if (withMap) map.push(i);
  }
  flush(text.length);
  return { text: foldMixedWords(parts.join('')), map };
}

/** `/[\s\u00a0]/` for one UTF-16 code unit. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}


export default defineRule({
  id: 'structure/required-elements',
  description: 'Нет обязательного элемента акта: нормативной основы, органа принятия, учёта мнения советов, порядка вступления в силу',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const { model } = ctx;
    const profile = ctx.knowledge.structure;
    const { text: flat } = ctx.memo('structure/searchableText', () => searchableText(ctx.text, false));
    const specOf = (id: string) => (profile?.sections ?? []).find((s) => s.id === id);
    const general = specOf('general') ? findSection(model, specOf('general')!) : undefined;
    const final = specOf('final') ? findSection(model, specOf('final')!) : undefined;
    for (const el of profile?.elements ?? []) {
      if (el.id === 'approval-stamp' || el.patterns.length === 0) continue;
      let at = -1;
      for (const p of el.patterns) {
        let re: RegExp;
        try {
          re = new RegExp(p, 'iu');
        } catch {
          continue;
        }
        const m = re.exec(flat);
        if (m && (at < 0 || m.index < at)) at = m.index;
      }
      if (el.id === 'councils-opinion' && at < 0 && model.stamps.some((s) => s.stamp?.kind === 'УЧТЕНО МНЕНИЕ')) at = 0;
      // Whether the basis cites 273-ФЗ is legal/basis-without-273's business: one finding per defect.
      if (at >= 0) continue;
      const host = el.id === 'entry-into-force' ? final ?? general : general;
      const range = host ? (host.number?.range ?? host.titleRange) : documentAnchor(model);
      const fix = insertElementFix(model, profile?.sections ?? [], el);
      ctx.report({
        fixes: fix ? [fix] : undefined,
        range,
        message: `Нет элемента «${el.name}»${el.why ? `: ${el.why}` : ''}`,
        severity: el.severity,
        data: { elementId: el.id },
      });
    }
  },
});
