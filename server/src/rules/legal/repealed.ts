/**
 * legal/repealed
 *
 * What it checks: a citation of an act that, on the check date (`asOf`), is repealed,
 * superseded or expired — e.g. «Приказ Минобрнауки России от 23.08.2017 № 816» after
 * 01.09.2024, the 1992 Law «Об образовании», СанПиН 2.4.2.2821-10.
 * Why: a local act must rest on norms in force; a stale basis is the first thing a prosecutor or
 * a methodist notices. What is stale depends on the date: the same draft is right in 2023 and
 * wrong in 2025.
 * Options: none. Unverified registry entries are never reported here.
 * Fix: when every successor in force is already cited in the act — remove the list item (its
 * line and line break) or the citation from a run «A, B»; otherwise replace the citation with the
 * successor's canonical citation in the same grammatical case, capitalisation and date style
 * («Приказом Минобрнауки России от 23.08.2017 № 816» → «Постановлением Правительства РФ от
 * 11.10.2023 № 1678 «Об утверждении Правил …»»). No fix when the act has no successor.
 */
import { formatRu } from '../../legal/dates';
import { removeFromRunEdit, removeItemEdit, successorText } from '../../legal/edits';
import { legalFacts, reportable } from '../../legal/facts';
import { shortName, statusAt, statusWord, successorsInForce } from '../../legal/registry';
import { defineRule, type Fix } from '../types';

export default defineRule({
  id: 'legal/repealed',
  description: 'Ссылка на акт, утративший силу или заменённый другим на дату проверки',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const facts = legalFacts(ctx);
    let cited: Set<string> | undefined;
    for (const rc of reportable(facts, (r) => !!r.resolution.act && r.resolution.act.confidence !== 'unverified')) {
      const act = rc.resolution.act!;
      const st = statusAt(act, ctx.asOf);
      if (st.status !== 'repealed' && st.status !== 'superseded' && st.status !== 'expired') continue;
      const successors = successorsInForce(facts.data, act, ctx.asOf);
      const since = st.event!.approximate ? `не позднее ${st.event!.from.slice(0, 4)} года` : `с ${formatRu(st.event!.from)}`;
      const instead = successors.length > 0
        ? `: вместо него ${successors.length > 1 ? 'действуют' : 'действует'} ${successors.map((s) => shortName(facts.data, s)).join(' и ')}`
        : '';
      const c = rc.citation;
      const fixes: Fix[] = [];
      // The acts cited, collected at the first stale citation (most drafts have none).
      cited ??= new Set(facts.citations.map((rc) => rc.resolution.act?.id).filter((id): id is string => !!id));
      const all = cited;
      if (successors.length > 0 && successors.every((s) => all.has(s.id))) {
        const edit = removeItemEdit(ctx.text, ctx.model, c) ?? removeFromRunEdit(ctx.text, c.range);
        if (edit) fixes.push({ title: 'Удалить ссылку: действующий акт уже указан', edits: [edit] });
      } else if (successors.length > 0) {
        const newText = successorText(facts.data, c, successors);
        fixes.push({ title: `Заменить на «${successors.map((s) => shortName(facts.data, s)).join(' и ')}»`, edits: [{ start: c.actRange.start, end: c.actRange.end, newText }] });
      }
      ctx.report({
        range: c.actRange,
        message: `${shortName(facts.data, act)} ${statusWord(act, st.status)} ${since}${instead}`,
        fixes,
        data: { actId: act.id, successors: successors.map((s) => s.id) },
      });
    }
  },
});
