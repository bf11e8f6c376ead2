/**
 * numbering/wrong-depth
 *
 * What it checks: the Markdown nesting disagrees with the depth of the numbers.
 * 1. A numbered list item nested inside the list item of a part whose number is not shallower —
 *    `- 3.3.4` indented under `- 3.3.3` (a sibling rendered as its child), while 3.3.1–3.3.3
 *    stand one level up.
 * 2. Numbered headings of one level written with different heading depths — `## 1.` … `#### 4.`
 *    (the majority wins) — or a clause heading not deeper than its section heading.
 * Why: the rendered document (preview, PDF, the approving body's copy) shows a hierarchy the
 * numbers deny; readers take a sibling for a sub-item.
 * Options: none.
 * Fix: (1) re-indent the list marker to its sibling's indentation — only the leading whitespace
 * of that line changes; offered when the item has no nested parts of its own. (2) rewrite the
 * `#` run of the heading to the expected depth.
 */
import type { DocumentModel, Line, RegNode } from '../../model/types';
import { defineRule } from '../types';
import { partName } from './gap';

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The line that opens the list item enclosing `line` (one list level up), if any. */
export function enclosingListItem(model: DocumentModel, line: Line): Line | undefined {
  if (line.listDepth <= 1) return undefined;
  for (let i = line.index - 1; i >= 0; i--) {
    const l = model.lines[i]!;
    if (l.listMarker !== undefined && l.listDepth === line.listDepth - 1) return l;
    if (l.block !== 'blank' && l.listDepth < line.listDepth - 1) return undefined;
  }
  return undefined;
}

function isWhitespace(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

function headingHashes(text: string, line: Line): { start: number; end: number } | undefined {
  let p = line.start;
  while (p < line.end && (text[p] === ' ' || text[p] === '\t')) p++;
  if (text[p] !== '#') return undefined;
  const start = p;
  while (p < line.end && text[p] === '#') p++;
  return { start, end: p };
}

export default defineRule({
  id: 'numbering/wrong-depth',
  description: 'Вложенность в разметке Markdown не соответствует глубине номера',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const { model, text } = ctx;
    // Numbered node per line, built only when a nested list item needs it (most drafts have none).
    let byLineMap: Map<number, RegNode> | undefined;
    const byLine = (): Map<number, RegNode> => {
      if (!byLineMap) {
        byLineMap = new Map();
        for (const n of model.nodes) if (n.number) byLineMap.set(n.line, n);
      }
      return byLineMap;
    };
    // Numbered headings, collected in the same pass over the nodes as the list items.
    const headings: RegNode[] = [];

    // 1. List nesting.
    for (const n of model.nodes) {
      const num = n.number;
      if (!num || n.kind === 'appendix' || n.kind === 'item') continue;
      const line = model.lines[n.line]!;
      if (line.block === 'heading' && line.headingDepth !== undefined) headings.push(n);
      if (num.parts.length < 2 || line.listMarker === undefined || line.listMarkerStart === undefined) continue;
      const outer = enclosingListItem(model, line);
      if (!outer) continue;
      const outerNode = byLine().get(outer.index);
      const outerNum = outerNode?.number;
      if (!outerNode || !outerNum || outerNode.kind === 'item' || outerNum.parts.length < num.parts.length) continue;
      // Siblings mis-nested in a chain (`- 1.1` / `␣␣- 1.2` / `␣␣␣␣- 1.3` …) all align with the topmost
      // one, so fix-all settles in one round instead of one level per round.
      let top = outer;
      for (let up = enclosingListItem(model, outer); up; up = enclosingListItem(model, up)) {
        const upNode = byLine().get(up.index);
        if (!upNode?.number || upNode.kind === 'item' || upNode.number.parts.length < num.parts.length) break;
        top = up;
      }
      const own = text.slice(line.start, line.listMarkerStart);
      const target = top.listMarkerStart !== undefined ? text.slice(top.start, top.listMarkerStart) : undefined;
      const hasNested = n.children.some((c) => model.lines[c.line]!.listDepth > line.listDepth);
      const fixable = target !== undefined && isWhitespace(own) && isWhitespace(target) && !hasNested && own !== target;
      ctx.report({
        range: num.range,
        message: `${cap(partName(n))} ${num.text} вложен в список ${partName(outerNode) === 'раздел' ? 'раздела' : partName(outerNode) === 'пункт' ? 'пункта' : 'подпункта'} ${outerNum.text}, хотя по номеру стоит на одном уровне с ним`,
        related: [{ range: outerNum.range, message: `${cap(partName(outerNode))} ${outerNum.text}` }],
        fixes: fixable ? [{ title: 'Выровнять отступ по соседним пунктам', edits: [{ start: line.start, end: line.listMarkerStart, newText: target! }] }] : undefined,
      });
    }

    // 2. Heading depths of numbered headings.
    const byDepth = new Map<number, RegNode[]>();
    for (const h of headings) {
      const d = h.number!.parts.length;
      const list = byDepth.get(d) ?? [];
      list.push(h);
      byDepth.set(d, list);
    }
    const majority = new Map<number, number>();
    for (const [d, list] of byDepth) {
      const counts = new Map<number, number>();
      for (const h of list) {
        const hd = model.lines[h.line]!.headingDepth!;
        counts.set(hd, (counts.get(hd) ?? 0) + 1);
      }
      const sorted = [...counts].sort((a, b) => b[1] - a[1]);
      if (sorted.length === 0) continue;
      if (sorted.length > 1 && sorted[0]![1] === sorted[1]![1]) continue; // no majority: no style to enforce
      const want = sorted[0]![0];
      majority.set(d, want);
      if (sorted.length === 1) continue;
      for (const h of list) {
        const l = model.lines[h.line]!;
        if (l.headingDepth === want) continue;
        const hashes = headingHashes(text, l);
        ctx.report({
          range: h.number!.range,
          message: `${cap(partName(h))} ${h.number!.text} оформлен заголовком уровня ${l.headingDepth}, остальные ${partName(h) === 'раздел' ? 'разделы' : partName(h) === 'пункт' ? 'пункты' : 'подпункты'} — уровня ${want}`,
          fixes: hashes ? [{ title: `Сделать заголовком уровня ${want}`, edits: [{ start: hashes.start, end: hashes.end, newText: '#'.repeat(want) }] }] : undefined,
        });
      }
    }
    // A clause heading not deeper than its parent's heading.
    for (const h of headings) {
      const parent = h.parent;
      if (!parent?.number || parent.kind === 'item' || h.orphan) continue;
      const pl = model.lines[parent.line]!;
      const l = model.lines[h.line]!;
      if (pl.block !== 'heading' || pl.headingDepth === undefined || l.headingDepth! > pl.headingDepth) continue;
      if (majority.get(h.number!.parts.length) !== undefined && majority.get(h.number!.parts.length) !== l.headingDepth) continue; // reported above
      const want = Math.min(6, pl.headingDepth + 1);
      const hashes = headingHashes(text, l);
      ctx.report({
        range: h.number!.range,
        message: `${cap(partName(h))} ${h.number!.text} оформлен заголовком уровня ${l.headingDepth}, не глубже заголовка ${partName(parent) === 'раздел' ? 'раздела' : 'пункта'} ${parent.number.text}`,
        fixes: hashes && want > l.headingDepth! ? [{ title: `Сделать заголовком уровня ${want}`, edits: [{ start: hashes.start, end: hashes.end, newText: '#'.repeat(want) }] }] : undefined,
      });
    }
  },
});
