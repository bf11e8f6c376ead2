/**
 * numbering/outside-parent
 *
 * What it checks: a clause or sub-clause whose number does not belong to the part it stands in —
 * `2.3.1` inside section 3, `4.2` under section 3 — or whose parent part does not exist at all
 * (`3.3.1` right after `3.2` with no clause 3.3; `1.1` before any section 1).
 * Why: the number promises a place in the act the text does not have; cross-references and the
 * outline lead to the wrong part. Usually a clause copied from another section or template.
 * Options: none.
 * Fix: when unambiguous — the part is a direct child of a numbered part and its last number
 * continues that part's sequence (`2.3.1` as the first sub-clause of 3.2 → `3.2.1`): the prefix is
 * replaced, and the numbers of its own sub-parts follow.
 */
import type { RegNode } from '../../model/types';
import type { Fix } from '../types';
import { defineRule } from '../types';
import { partName, partNamePrepositional, renumberEdits } from './gap';

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function prefixFix(node: RegNode): Fix | undefined {
  const parent = node.parent;
  const num = node.number!;
  if (!parent?.number || parent.kind === 'item' || num.parts.length !== parent.number.parts.length + 1) return undefined;
  const siblings = parent.children.filter((c) => c.number && c.kind !== 'item' && c.number.parts.length === num.parts.length);
  const i = siblings.indexOf(node);
  const lastPart = num.parts[num.parts.length - 1]!;
  const prev = siblings[i - 1];
  const prevLast = prev ? prev.number!.parts[prev.number!.parts.length - 1]! : 0;
  if (lastPart !== prevLast + 1) return undefined;
  const want = [...parent.number.parts, lastPart];
  if (siblings.some((s) => s !== node && s.number!.parts.join('.') === want.join('.'))) return undefined;
  return { title: `Заменить номер на ${want.join('.')}`, edits: renumberEdits(node, want) };
}

export default defineRule({
  id: 'numbering/outside-parent',
  description: 'Пункт или подпункт стоит вне раздела (пункта), к которому относится его номер',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    for (const n of ctx.model.nodes) {
      const num = n.number;
      if (!num || n.kind === 'item' || n.kind === 'appendix' || num.parts.length < 2) continue;
      if (n.orphan) {
        const expected = num.parts.slice(0, -1).join('.');
        const what = cap(partName(n));
        const parent = n.parent;
        const expectedName = num.parts.length === 2 ? 'разделе' : num.parts.length === 3 ? 'пункте' : 'подпункте';
        const message = parent?.number
          ? `${what} ${num.text} стоит в ${partNamePrepositional(parent)} ${parent.number.text}, а не в ${expectedName} ${expected}`
          : `${what} ${num.text} стоит вне ${expectedName.replace(/е$/, 'а')} ${expected}: такого ${num.parts.length === 2 ? 'раздела' : 'пункта'} перед ним нет`;
        const fix = prefixFix(n);
        ctx.report({
          range: num.range,
          message,
          related: parent?.number ? [{ range: parent.number.range, message: `${cap(partName(parent))} ${parent.number.text}` }] : undefined,
          fixes: fix ? [fix] : undefined,
        });
        continue;
      }
      // A level skipped: `3.3.1` directly under section 3 (no clause 3.3). Reported once per missing parent.
      const parent = n.parent;
      if (parent?.number && parent.kind !== 'item' && num.parts.length > parent.number.parts.length + 1) {
        const firstOfKind = parent.children.find((c) => c.number && c.kind !== 'item' && sameParent(c.number.parts, num.parts));
        if (firstOfKind !== n) continue;
        const expected = num.parts.slice(0, -1).join('.');
        const what = cap(partName(n));
        const missing = num.parts.length - 1 === 2 ? 'пункта' : 'подпункта';
        ctx.report({
          range: num.range,
          message: `${what} ${num.text} стоит вне ${missing} ${expected}: такого ${missing} нет, ${what.toLowerCase()} стоит прямо в ${partNamePrepositional(parent)} ${parent.number.text}`,
        });
      }
    }
  },
});

/** `p.slice(0, -1).join('.') === q.slice(0, -1).join('.')` for numbers of two or more parts, without the strings. */
function sameParent(p: readonly number[], q: readonly number[]): boolean {
  if (p.length !== q.length) return false;
  for (let i = 0; i < p.length - 1; i++) if (p[i] !== q[i]) return false;
  return true;
}
