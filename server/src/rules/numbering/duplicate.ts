/**
 * numbering/duplicate
 *
 * What it checks: two parts of one scope (the body or one appendix) carry the same number,
 * e.g. two clauses `2.3.`.
 * Why: a cross-reference to `пункт 2.3` becomes ambiguous; the act cannot be cited.
 * Options: none.
 * Fix: none — which of the two is wrong is for the author to decide (renumbering fixes the gap
 * rule's findings once the duplicate is resolved).
 */
import type { RegNode } from '../../model/types';
import { defineRule } from '../types';

/** Numbered nodes grouped by scope: the body (key '') or an appendix. */
export function numberedByScope(nodes: readonly RegNode[]): Map<RegNode | undefined, RegNode[]> {
  const scopes = new Map<RegNode | undefined, RegNode[]>();
  for (const n of nodes) {
    if (!n.number || n.kind === 'appendix' || n.kind === 'stamp' || n.kind === 'title') continue;
    let scope: RegNode | undefined = n.parent;
    while (scope && scope.kind !== 'appendix') scope = scope.parent;
    const list = scopes.get(scope) ?? [];
    list.push(n);
    scopes.set(scope, list);
  }
  return scopes;
}

export default defineRule({
  id: 'numbering/duplicate',
  description: 'Один и тот же номер у двух разделов, пунктов или подпунктов',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    for (const [, list] of numberedByScope(ctx.model.nodes)) {
      const seen = new Map<string, RegNode>();
      for (const n of list) {
        // Numbered list entries under different clauses may repeat (`1.` in 2.3 and in 2.4).
        const key = (n.kind === 'item' ? `${n.parent?.number?.text ?? ''}#` : '') + n.number!.text;
        const first = seen.get(key);
        if (first) {
          ctx.report({
            range: n.number!.range,
            message: `Номер ${n.number!.text} повторяется: он уже есть в строке ${first.line + 1}`,
            related: [{ range: first.number!.range, message: `Первый пункт ${first.number!.text}` }],
          });
        } else {
          seen.set(key, n);
        }
      }
    }
  },
});
