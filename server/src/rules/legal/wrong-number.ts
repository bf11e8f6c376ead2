/**
 * legal/wrong-number
 *
 * What it checks: a known act cited with a seen-wrong form of its number — `273-Ф3` (digit 3
 * for the letter З), `№ 210-р` for распоряжение Минпросвещения России № Р-210.
 * Why: a number with a look-alike character is not found by search in legal databases, and a
 * wrong number format hides the issuer.
 * Options: none. Unverified registry entries are never reported.
 * Fix: the official number.
 */
import { legalFacts, reportable } from '../../legal/facts';
import { shortName } from '../../legal/registry';
import { defineRule } from '../types';

export default defineRule({
  id: 'legal/wrong-number',
  description: 'Номер известного акта записан неверно (273-Ф3, 210-р)',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const facts = legalFacts(ctx);
    for (const rc of reportable(facts, (r) => r.resolution.wrongNumber && !!r.resolution.act?.number && r.resolution.act.confidence !== 'unverified')) {
      const act = rc.resolution.act!;
      const n = rc.citation.number!;
      ctx.report({
        range: n.range,
        message: `Номер акта записан как «${n.text}», правильно «${act.number!}» (${shortName(facts.data, act)})`,
        fixes: [{ title: `Заменить на «${act.number!}»`, edits: [{ start: n.range.start, end: n.range.end, newText: act.number! }] }],
        data: { actId: act.id },
      });
    }
  },
});
