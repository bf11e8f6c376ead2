/**
 * legal/wrong-issuer
 *
 * What it checks: a known act cited with the wrong issuing body or the wrong kind —
 * «Приказ Минпросвещения № 816» (the order was issued by Минобрнауки России),
 * «Постановление Правительства РФ № 1880-р» (it is a распоряжение). Plain numbers repeat across
 * bodies, so a wrong body is reported only when the date matches or the variant is a seen one.
 * Why: the body and the kind are part of the act's identity; a wrong one cites a different act
 * or nothing.
 * Options: none. Unverified registry entries are never reported.
 * Fix: the right body (canonical genitive) or the right kind word in the same case. Safe to
 * apply: a wrong body is only reported when the number and the date (or a seen variant) match.
 */
import { kindForm, KIND_NAMES } from '../../legal/grammar';
import { legalFacts, reportable } from '../../legal/facts';
import { issuerById, shortName } from '../../legal/registry';
import { defineRule, type Fix } from '../types';

export default defineRule({
  id: 'legal/wrong-issuer',
  description: 'Неверный орган, издавший акт, или неверный вид акта',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const facts = legalFacts(ctx);
    const pick = reportable(facts, (r) => (r.resolution.wrongIssuer || r.resolution.wrongKind) && !!r.resolution.act && r.resolution.act.confidence !== 'unverified');
    for (const rc of pick) {
      const act = rc.resolution.act!;
      const c = rc.citation;
      const fixes: Fix[] = [];
      const problems: string[] = [];
      const right = issuerById(facts.data, act.issuer);
      if (rc.resolution.wrongIssuer && c.issuer) {
        const wrong = issuerById(facts.data, c.issuer.id);
        problems.push(`издан${act.kind === 'federal-law' || act.kind === 'law' || act.kind === 'order' || act.kind === 'decree' ? '' : 'о'} ${right ? right.genitive.replace(/^Правительства/, 'Правительством') : 'другим органом'}, а не ${wrong?.genitive ?? c.issuer.text}`);
        if (right) fixes.push({ title: `Заменить орган на «${right.genitive}»`, edits: [{ start: c.issuer.range.start, end: c.issuer.range.end, newText: right.genitive }] });
      }
      if (rc.resolution.wrongKind && c.kind) {
        problems.push(`это ${KIND_NAMES[act.kind]}, а не ${KIND_NAMES[c.kind.kind]}`);
        const word = kindForm(act.kind, c.kind.case, c.kind.capital);
        fixes.push({ title: `Заменить на «${word}»`, edits: [{ start: c.kind.range.start, end: c.kind.range.end, newText: word }] });
      }
      if (problems.length === 0) continue;
      ctx.report({
        range: rc.resolution.wrongIssuer && c.issuer ? c.issuer.range : c.kind?.range ?? c.actRange,
        message: `${shortName(facts.data, act)} ${problems.join('; ')}`,
        fixes,
        data: { actId: act.id },
      });
    }
  },
});
