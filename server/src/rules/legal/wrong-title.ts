/**
 * legal/wrong-title
 *
 * What it checks: a known act cited with a title that is neither its official title nor a
 * word-boundary shortening of it, or with a seen outdated title («Об информации, информатизации
 * и защите информации» belongs to the repealed 24-ФЗ of 1995, not to 149-ФЗ). Titles are compared
 * on letters and digits only (quotes, hyphens, case, «РФ» = «Российской Федерации» do not matter).
 * Why: the title identifies the act as much as its number; an outdated one signals a copied,
 * unchecked basis.
 * Options: none. Only titles marked `official` in the registry are checked; unverified entries never.
 * Fix: the official title (inside the existing quotes).
 */
import { legalFacts, reportable } from '../../legal/facts';
import { shortName } from '../../legal/registry';
import { defineRule } from '../types';

export default defineRule({
  id: 'legal/wrong-title',
  description: 'Неверное или устаревшее наименование известного акта',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const facts = legalFacts(ctx);
    const pick = reportable(facts, (r) => (r.resolution.title === 'wrong' || r.resolution.title === 'known-wrong') && !!r.resolution.act && r.resolution.act.confidence !== 'unverified');
    for (const rc of pick) {
      const act = rc.resolution.act!;
      const t = rc.citation.title!;
      const codeOnly = !rc.citation.kind && !rc.citation.number && !!rc.citation.code;
      const official = codeOnly ? act.codeTitle : act.title;
      const outdated = rc.resolution.title === 'known-wrong';
      ctx.report({
        range: t.range,
        message: outdated
          ? `Устаревшее наименование: ${shortName(facts.data, act)} называется «${official ?? act.title}»`
          : `Наименование не совпадает с официальным наименованием акта ${shortName(facts.data, act)}`,
        fixes: official ? [{ title: 'Заменить на официальное наименование', edits: [{ start: t.innerRange.start, end: t.innerRange.end, newText: official }] }] : undefined,
        data: { actId: act.id },
      });
    }
  },
});
