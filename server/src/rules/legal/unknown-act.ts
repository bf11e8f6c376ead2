/**
 * legal/unknown-act
 *
 * What it checks: a citation the registry cannot confirm — an act it does not know, or an act it
 * knows only from drafts (confidence `unverified`: letters of ministries, приказ Минцифры
 * № 542/1, МР 2.4.0330-23) or whose status is not established (Р-210).
 * Why: the tool must say what it could not check rather than stay silent or guess. By design an
 * unverified act is never called stale or wrong: the other `legal/*` rules skip such entries, and
 * this rule reports them only as information «Не удалось проверить …».
 * Options: `reportUnverified` (default true) — also report acts the registry holds as unverified.
 * Fix: none.
 */
import { legalFacts, reportable } from '../../legal/facts';
import { shortName } from '../../legal/registry';
import { defineRule } from '../types';

export default defineRule({
  id: 'legal/unknown-act',
  description: 'Не удалось проверить акт: его нет в справочнике или сведения о нём не подтверждены',
  defaultSeverity: 'information',
  fixable: false,
  options: { reportUnverified: true },
  check(ctx) {
    const withUnverified = ctx.options['reportUnverified'] !== false;
    const facts = legalFacts(ctx);
    const seen = new Set<string>();
    for (const rc of reportable(facts, () => true)) {
      const act = rc.resolution.act;
      // Once per act: the answer «could not verify» does not change from mention to mention.
      if (act && seen.has(act.id)) continue;
      if (act) seen.add(act.id);
      const c = rc.citation;
      if (!act) {
        const label = ctx.text.slice(c.actRange.start, c.actRange.end).replace(/\s+/g, ' ');
        const short = label.length > 80 ? label.slice(0, 77).replace(/\s+\S*$/u, '') + '…' : label;
        ctx.report({ range: c.actRange, message: `Не удалось проверить акт «${short}»: его нет в справочнике` });
      } else if (withUnverified && (act.confidence === 'unverified' || act.history.length === 0)) {
        ctx.report({
          range: c.actRange,
          message: `Не удалось проверить ${shortName(facts.data, act)}: ${act.confidence === 'unverified' ? 'реквизиты и действие не подтверждены официальными источниками' : 'действие на дату проверки не подтверждено'}`,
          data: { actId: act.id },
        });
      }
    }
  },
});
