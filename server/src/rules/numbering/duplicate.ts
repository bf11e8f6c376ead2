/**
 * numbering/duplicate
 *
 * What it checks: two parts of one scope (the body or one appendix) carry the same number,
 * e.g. two clauses `2.3.`.
 * Why: a cross-reference to `пункт 2.3` becomes ambiguous; the act cannot be cited.
 * Options: none.
 * Fix: only when the repeat is unambiguous — the second of two equal numbers stands right before
 * the number that would follow the intended one (`1.2, 1.2, 1.4` → the second 1.2 becomes 1.3,
 * its sub-parts follow). Otherwise which of the two is wrong is for the author to decide.
 */
import type { RegNode } from '../../model/types';
import type { Fix } from '../types';
import { defineRule } from '../types';
import { renumberEdits } from './gap';

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

/** The fix for a repeat that can only mean the next number (`1.2, 1.2, 1.4`). */
function unambiguousFix(n: RegNode, first: RegNode, scope: readonly RegNode[]): Fix | undefined {
  if (n.kind === 'item' || n.orphan || first.parent !== n.parent) return undefined;
  const siblings = (n.parent?.children ?? scope).filter((s) => s.number && !s.orphan && s.kind === n.kind && s.number.parts.length === n.number!.parts.length);
  const i = siblings.indexOf(n);
  if (i <= 0 || siblings[i - 1] !== first) return undefined;
  const next = siblings[i + 1];
  const parts = n.number!.parts;
  const want = [...parts.slice(0, -1), parts[parts.length - 1]! + 1];
  if (!next || next.number!.parts.join('.') !== [...parts.slice(0, -1), parts[parts.length - 1]! + 2].join('.')) return undefined;
  if (scope.some((s) => s.number!.parts.join('.') === want.join('.'))) return undefined;
  return { title: `Заменить номер на ${want.join('.')}`, edits: renumberEdits(n, want) };
}

export default defineRule({
  id: 'numbering/duplicate',
  description: 'Один и тот же номер у двух разделов, пунктов или подпунктов',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    for (const [, list] of numberedByScope(ctx.model.nodes)) {
      const seen = new Map<string, RegNode>();
      for (const n of list) {
        // Numbered list entries under different clauses may repeat (`1.` in 2.3 and in 2.4).
        const key = (n.kind === 'item' ? `${n.parent?.number?.text ?? ''}#` : '') + n.number!.text;
        const first = seen.get(key);
        if (first) {
          const fix = unambiguousFix(n, first, list);
          ctx.report({
            fixes: fix ? [fix] : undefined,
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
