/**
 * Invariants every document model keeps, whatever the draft: ranges inside the text, heads inside
 * their nodes, number ranges holding the number as written, parent links, document order, lines.
 */
import * as assert from 'node:assert/strict';
import type { DocumentModel } from '../../server/src/model/types';

/** Invariants every model must keep, whatever the draft. */
export function assertModelInvariants(model: DocumentModel): void {
  const len = model.text.length;
  const inText = (r: { start: number; end: number }, what: string): void =>
    assert.ok(r.start >= 0 && r.start <= r.end && r.end <= len, `${what}: range ${r.start}–${r.end} outside 0–${len}`);
  for (const n of model.nodes) {
    const what = `${n.kind} ${n.number?.text ?? n.title.slice(0, 30)}`;
    inText(n.range, what);
    inText(n.headRange, what);
    inText(n.titleRange, what);
    assert.ok(n.range.start <= n.headRange.start && n.headRange.end <= n.range.end, `${what}: head outside the node`);
    if (n.number) {
      inText(n.number.range, what);
      const written = model.text.slice(n.number.range.start, n.number.range.end);
      const expected = n.kind === 'appendix' ? n.number.text : n.number.text + (n.number.trailingDot ? '.' : '');
      // `1\.` (pandoc's escaped dot) and `1. 2.` (spaces from PDF extraction) hold the number too.
      assert.equal(written.replace(/\\\.$/, '.').replace(/[ \u00a0]/g, ''), expected, `${what}: number range does not hold the number`);
    }
    for (const c of n.children) assert.equal(c.parent, n, `${what}: child without its parent link`);
    assert.equal(n.line, model.lineAt(n.headRange.start), `${what}: line index`);
  }
  for (let i = 1; i < model.nodes.length; i++) {
    assert.ok(model.nodes[i - 1]!.headRange.start <= model.nodes[i]!.headRange.start, 'nodes out of document order');
  }
  for (const d of model.debris) inText(d.range, 'debris');
  for (const l of model.lines) {
    assert.ok(l.start <= l.contentStart && l.contentStart <= l.contentEnd && l.contentEnd <= l.end, `line ${l.index} content outside the line`);
    assert.equal(model.lineAt(l.start), l.index);
    assert.equal(model.lineAt(l.end), l.index);
  }
}

