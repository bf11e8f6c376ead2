/**
 * legal/wrong-date
 *
 * What it checks: a known act cited with a wrong date — «273-ФЗ от 28.12.12» (the law is of
 * 29.12.2012), «№ 1880-р от 12.07.2024» (of 12.07.2025). An act counts as known when its number
 * is distinctive (`273-ФЗ`, `1880-р`) or its number and issuer match, and the written date is a
 * typo of the right one (one of day, month, year differs), a seen wrong variant, or the title
 * matches; a citation that differs more is another act (numbers repeat every year).
 * Why: a wrong date makes the citation point to nothing, or to another act.
 * Options: none. Unverified registry entries are never reported.
 * Fix: the right date written in the draft's own format (`28.12.12` → `29.12.12`,
 * «28 декабря 2012 г.» → «29 декабря 2012 г.»).
 */
import { formatLike, formatRu } from '../../legal/dates';
import { legalFacts, reportable } from '../../legal/facts';
import { shortName } from '../../legal/registry';
import { defineRule } from '../types';

export default defineRule({
  id: 'legal/wrong-date',
  description: 'Неверная дата известного акта',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const facts = legalFacts(ctx);
    for (const rc of reportable(facts, (r) => r.resolution.wrongDate && !!r.resolution.act?.date && r.resolution.act.confidence !== 'unverified')) {
      const act = rc.resolution.act!;
      const date = rc.citation.date!;
      const right = formatLike(date.text, act.date!);
      ctx.report({
        range: date.range,
        message: `Неверная дата: ${shortName(facts.data, act)} от ${formatRu(act.date!)}, а не от ${date.text}`,
        fixes: [{ title: `Заменить дату на ${right}`, edits: [{ start: date.range.start, end: date.range.end, newText: right }] }],
        data: { actId: act.id },
      });
    }
  },
});
