/**
 * Clean drafts and planted defects (issue 5 «Measured by»): every clean draft in
 * `test/fixtures/drafts/clean/` gives no finding of the numbering/* and structure/* rules; a copy
 * with one planted defect — a duplicate number, a gap, a missing final-provisions, terms or
 * rights part, a missing approval stamp — is reported by the right rule on the right line.
 * Defects are planted programmatically at every position the draft offers, so the figures
 * measure the rules, not a hand-picked case.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getKnowledge } from '../../server/src/knowledge';
import type { SectionSpec } from '../../server/src/knowledge/types';
import type { DocumentModel, RegNode } from '../../server/src/model/types';
import { findSection } from '../../server/src/rules/structure/required-sections';
import { normalizeSettings } from '../../server/src/config';
import { createRegulationService } from '../../server/src/service';
import { FIXTURES } from '../helpers/fixtures';

const service = createRegulationService();
const DRAFTS = path.join(FIXTURES, 'drafts', 'clean');
const MINE = /^(numbering|structure)\//;
/** Only the two families under test: the other families do not bear on these figures and cost time. */
const ONLY_MINE = normalizeSettings({ rules: { terms: 'off', roles: 'off', legal: 'off', text: 'off' } });

interface Plant {
  readonly kind: string;
  readonly text: string;
  /** Rule expected to report, on this 0-based line of the planted text. */
  readonly ruleId: string;
  readonly line: number;
  /** Extra condition on the finding (e.g. which section is missing). */
  readonly accept?: (message: string, data: Record<string, unknown> | undefined) => boolean;
  readonly where: string;
}

function drafts(): Array<{ name: string; text: string }> {
  return fs.readdirSync(DRAFTS).filter((f) => f.endsWith('.md')).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(DRAFTS, f), 'utf8') }));
}

/** Offset of the start of line `i` (text length past the last line). */
function lineStart(model: DocumentModel, i: number): number {
  return i < model.lines.length ? model.lines[i]!.start : model.text.length;
}

/** Removes lines [from, to) and reports how many lines went. */
function removeLines(model: DocumentModel, from: number, to: number): { text: string; removed: number } {
  return { text: model.text.slice(0, lineStart(model, from)) + model.text.slice(lineStart(model, to)), removed: to - from };
}

/** The line after the last line of a node's subtree. */
function endLine(model: DocumentModel, n: RegNode): number {
  return model.lineAt(Math.max(n.range.start, n.range.end - 1)) + 1;
}

function replaceRange(text: string, start: number, end: number, newText: string): string {
  return text.slice(0, start) + newText + text.slice(end);
}

function numberedSiblings(model: DocumentModel, n: RegNode): RegNode[] {
  const pool = n.parent ? n.parent.children : model.root;
  return pool.filter((s) => s.number && s.kind !== 'item' && s.kind !== 'appendix' && !s.orphan && s.kind === n.kind && s.number.parts.length === n.number!.parts.length);
}

function spec(id: string): SectionSpec {
  const s = getKnowledge().structure.sections.find((x) => x.id === id);
  if (s) return s;
  throw new Error(`no section spec ${id}`);
}

/** At most `k` elements spread evenly over `list` (first and last included). */
function spread<T>(list: readonly T[], k: number): T[] {
  if (list.length <= k) return [...list];
  return Array.from({ length: k }, (_, i) => list[Math.round((i * (list.length - 1)) / (k - 1))]!);
}

/** Numbered parts planted per draft: sections, clauses and sub-clauses spread over the draft. */
const POSITIONS_PER_DRAFT = 16;

function plants(name: string, model: DocumentModel): Plant[] {
  const out: Plant[] = [];
  const numbered = model.nodes.filter((n) => n.number && n.kind !== 'item' && n.kind !== 'appendix' && !n.orphan);
  for (const n of spread(numbered, POSITIONS_PER_DRAFT)) {
    const sibs = numberedSiblings(model, n);
    const i = sibs.indexOf(n);
    const num = n.number!;
    const where = `${name} ${num.text}`;
    // Duplicate: the number of the previous sibling.
    if (i > 0) {
      const prev = sibs[i - 1]!.number!;
      out.push({ kind: 'duplicate number', where, ruleId: 'numbering/duplicate', line: n.line, text: replaceRange(model.text, num.range.start, num.range.end, prev.text + (num.trailingDot ? '.' : '')) });
    }
    // Gap by deletion: the part and its sub-parts removed; the next sibling carries the gap.
    const next = sibs[i + 1];
    if (next) {
      const { text, removed } = removeLines(model, n.line, next.line);
      out.push({ kind: 'gap (part deleted)', where, ruleId: 'numbering/gap', line: next.line - removed, text });
    }
    // Gap by renumbering: this part and the following siblings numbered one too high.
    const edits: Array<[number, number, string]> = [];
    for (const s of sibs.slice(i)) {
      const p = s.number!.parts;
      edits.push([s.number!.range.start, s.number!.range.end, [...p.slice(0, -1), p[p.length - 1]! + 1].join('.') + (s.number!.trailingDot ? '.' : '')]);
    }
    let text = model.text;
    for (const [s, e, t] of edits.reverse()) text = replaceRange(text, s, e, t);
    out.push({ kind: 'gap (renumbered)', where, ruleId: 'numbering/gap', line: n.line, text });
  }
  const titleLine = model.title ? model.lineAt(model.title.kindRange.start) : 0;
  for (const [id, kind] of [['final', 'missing final provisions'], ['terms', 'missing terms section'], ['rights', 'missing rights section']] as const) {
    const part = findSection(model, spec(id));
    assert.ok(part, `${name}: the clean draft has no «${id}» part`);
    // The part and everything up to the next part of the same or a higher level (or the first appendix).
    const later = model.nodes.find((m) => m.headRange.start > part.range.end - 1 && m.kind !== 'item' && (m.kind === 'appendix' || (m.number?.parts.length ?? 1) <= (part.number?.parts.length ?? 1)));
    const { text } = removeLines(model, part.line, later ? later.line : model.lines.length);
    out.push({ kind, where: `${name} ${part.title}`, ruleId: 'structure/required-sections', line: titleLine, text, accept: (_m, data) => data?.['sectionId'] === id });
  }
  const approvals = model.stamps.filter((s) => /^УТВЕРЖД/u.test(s.stamp?.kind ?? ''));
  assert.ok(approvals.length > 0, `${name}: the clean draft has no approval stamp`);
  let text = model.text;
  let removed = 0;
  for (const s of [...approvals].reverse()) {
    const r = removeLines({ ...model, text } as DocumentModel, s.line, endLine(model, s));
    text = r.text;
    removed += r.removed;
  }
  out.push({ kind: 'missing approval stamp', where: name, ruleId: 'structure/approval-stamp', line: titleLine - removed, text });
  return out;
}

describe('numbering/* and structure/* on clean drafts with planted defects', () => {
  const all = drafts();
  it('has at least 12 clean drafts', () => assert.ok(all.length >= 12, `only ${all.length} drafts`));

  for (const d of all) {
    it(`clean draft ${d.name}: no numbering/structure findings`, () => {
      const a = service.analyzeText(d.text);
      const mine = a.findings.filter((f) => MINE.test(f.ruleId));
      assert.deepEqual(mine.map((f) => `${a.model.lineAt(f.range.start) + 1}: ${f.severity} ${f.ruleId} ${f.message}`), []);
      assert.ok(a.model.title, 'the draft has a title');
    });
  }

  it('finds every planted defect on the right line', function () {
    this.timeout(120000);
    const stats = new Map<string, { planted: number; found: number }>();
    const misses: string[] = [];
    for (const d of all) {
      const model = service.analyzeText(d.text).model;
      for (const p of plants(d.name, model)) {
        const a = service.analyzeText(p.text, ONLY_MINE);
        const hit = a.findings.some((f) => f.ruleId === p.ruleId && a.model.lineAt(f.range.start) === p.line && (p.accept?.(f.message, f.data) ?? true));
        const s = stats.get(p.kind) ?? { planted: 0, found: 0 };
        s.planted++;
        if (hit) s.found++;
        else misses.push(`${p.kind} @ ${p.where}: expected ${p.ruleId} on line ${p.line + 1}; got ${a.findings.filter((f) => MINE.test(f.ruleId)).map((f) => `${a.model.lineAt(f.range.start) + 1}: ${f.ruleId}`).join(', ') || 'nothing'}`);
        stats.set(p.kind, s);
      }
    }
    let planted = 0;
    let found = 0;
    for (const [kind, s] of stats) {
      planted += s.planted;
      found += s.found;
      console.log(`      ${kind}: ${s.found}/${s.planted}`);
    }
    console.log(`      detection rate: ${found}/${planted} = ${((100 * found) / planted).toFixed(1)}% over ${all.length} drafts`);
    for (const kind of ['duplicate number', 'gap (part deleted)', 'gap (renumbered)', 'missing final provisions', 'missing terms section', 'missing rights section', 'missing approval stamp']) {
      assert.ok((stats.get(kind)?.planted ?? 0) >= all.length, `too few plants of «${kind}»`);
    }
    assert.deepEqual(misses, []);
  });
});
