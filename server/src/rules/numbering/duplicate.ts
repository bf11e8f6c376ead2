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

/**
 * Per-scope lookups of {@link unambiguousFix}, built on first use: in a long draft with many
 * repeats, filtering the siblings and joining every number of the scope once per repeat is
 * quadratic.
 */
class ScopeIndex {
  private numbers: Set<string> | undefined;
  private readonly siblings = new Map<readonly RegNode[], Map<string, { list: RegNode[]; at: Map<RegNode, number> }>>();
  constructor(private readonly scope: readonly RegNode[]) {}

  /** True when some part of the scope carries the number `label` (`1.3`). */
  hasNumber(label: string): boolean {
    this.numbers ??= new Set(this.scope.map((s) => s.number!.parts.join('.')));
    return this.numbers.has(label);
  }

  /** Numbered, not orphaned parts of `container` of `n`'s kind and depth, with `n`'s position among them. */
  siblingsOf(n: RegNode, container: readonly RegNode[]): { list: RegNode[]; i: number } {
    let byKind = this.siblings.get(container);
    if (!byKind) this.siblings.set(container, (byKind = new Map()));
    const depth = n.number!.parts.length;
    const key = `${n.kind}/${depth}`;
    let entry = byKind.get(key);
    if (!entry) {
      const list = container.filter((s) => s.number && !s.orphan && s.kind === n.kind && s.number.parts.length === depth);
      entry = { list, at: new Map(list.map((s, k) => [s, k])) };
      byKind.set(key, entry);
    }
    return { list: entry.list, i: entry.at.get(n) ?? -1 };
  }
}

/** The fix for a repeat that can only mean the next number (`1.2, 1.2, 1.4`). */
function unambiguousFix(n: RegNode, first: RegNode, index: ScopeIndex, scope: readonly RegNode[]): Fix | undefined {
  if (n.kind === 'item' || n.orphan || first.parent !== n.parent) return undefined;
  const { list: siblings, i } = index.siblingsOf(n, n.parent?.children ?? scope);
  if (i <= 0 || siblings[i - 1] !== first) return undefined;
  const next = siblings[i + 1];
  const parts = n.number!.parts;
  const want = [...parts.slice(0, -1), parts[parts.length - 1]! + 1];
  if (!next || next.number!.parts.join('.') !== [...parts.slice(0, -1), parts[parts.length - 1]! + 2].join('.')) return undefined;
  if (index.hasNumber(want.join('.'))) return undefined;
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
      // Numbered list entries under different clauses may repeat (`1.` in 2.3 and in 2.4): they are
      // compared per number of the parent (a map per parent number, no key strings to build).
      const seenItems = new Map<string, Map<string, RegNode>>();
      let index: ScopeIndex | undefined;
      for (const n of list) {
        let bucket = seen;
        if (n.kind === 'item') {
          const parentNumber = n.parent?.number?.text ?? '';
          bucket = seenItems.get(parentNumber) ?? new Map<string, RegNode>();
          if (bucket.size === 0) seenItems.set(parentNumber, bucket);
        }
        const key = n.number!.text;
        const first = bucket.get(key);
        if (first) {
          const fix = unambiguousFix(n, first, (index ??= new ScopeIndex(list)), list);
          ctx.report({
            fixes: fix ? [fix] : undefined,
            range: n.number!.range,
            message: `Номер ${n.number!.text} повторяется: он уже есть в строке ${first.line + 1}`,
            related: [{ range: first.number!.range, message: `Первый пункт ${first.number!.text}` }],
          });
        } else {
          bucket.set(key, n);
        }
      }
    }
  },
});
