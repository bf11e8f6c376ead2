/**
 * legal/expiring
 *
 * What it checks: a cited act in force on the check date whose known end of force falls within
 * the next `days` days (default 90) — e.g. СП 2.4.3648-20, in force until 01.01.2027.
 * Why: an act approved now must not rest on norms that lapse next quarter; the author should
 * plan the amendment.
 * Options: `days` — the look-ahead window in days (default 90).
 * Fix: none — the successor is not known before it is adopted.
 */
import { daysBetween, formatRu } from '../../legal/dates';
import { legalFacts, reportable } from '../../legal/facts';
import { expiringWithin, shortName } from '../../legal/registry';
import { defineRule } from '../types';

/** «день / дня / дней» agreeing with the number. */
function daysWord(n: number): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return 'день';
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return 'дня';
  return 'дней';
}

export default defineRule({
  id: 'legal/expiring',
  description: 'Акт действует, но срок его действия истекает в ближайшие 90 дней',
  defaultSeverity: 'information',
  fixable: false,
  options: { days: 90 },
  check(ctx) {
    const days = typeof ctx.options['days'] === 'number' && ctx.options['days'] >= 0 ? ctx.options['days'] : 90;
    const facts = legalFacts(ctx);
    for (const rc of reportable(facts, (r) => !!r.resolution.act && r.resolution.act.confidence !== 'unverified')) {
      const act = rc.resolution.act!;
      const end = expiringWithin(act, ctx.asOf, days);
      if (!end) continue;
      const left = daysBetween(ctx.asOf, end.from);
      ctx.report({
        range: rc.citation.actRange,
        message: `${shortName(facts.data, act)} действует до ${formatRu(end.from)}: до окончания срока действия осталось ${left} ${daysWord(left)}`,
        data: { actId: act.id, until: end.from },
      });
    }
  },
});
