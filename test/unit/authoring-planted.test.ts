/**
 * Authoring on clean drafts with planted defects (issue 5 «Measured by»): each copy of a clean
 * draft in `test/fixtures/drafts/clean/` gets one structure or numbering defect — a duplicate
 * number, a gap (a part deleted, or parts numbered one too high), a missing final-provisions,
 * terms or rights part, a missing approval stamp. The defect must be found (≥ 95 %), and the
 * authoring repair must remove it without adding new warnings or errors: renumbering the section
 * (the quick fix of numbering/gap and numbering/duplicate) for numbers, the insert fix of
 * structure/required-sections and structure/approval-stamp for missing parts. The clean drafts
 * give no finding of the new rules (numbering/broken-reference, structure/max-voluntariness).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings } from '../../server/src/config';
import { getKnowledge } from '../../server/src/knowledge';
import type { DocumentModel, RegNode } from '../../server/src/model/types';
import { findSection } from '../../server/src/rules/structure/required-sections';
import type { Finding } from '../../server/src/rules/types';
import { createRegulationService } from '../../server/src/service';
import { renumber, sectionAt } from '../../server/src/service/renumber';
import { applyEdits } from '../../server/src/util/edits';
import { FIXTURES } from '../helpers/fixtures';

const service = createRegulationService();
const DRAFTS = path.join(FIXTURES, 'drafts', 'clean');
const MINE = /^(numbering|structure)\//;
const SETTINGS = normalizeSettings({ rules: { terms: 'off', roles: 'off', legal: 'off', text: 'off' } });
const NEW_RULES = ['numbering/broken-reference', 'structure/max-voluntariness'];

interface Plant {
  readonly kind: string;
  readonly where: string;
  readonly text: string;
  readonly ruleId: string;
  readonly accept?: (f: Finding) => boolean;
}

function drafts(): Array<{ name: string; text: string }> {
  return fs.readdirSync(DRAFTS).filter((f) => f.endsWith('.md')).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(DRAFTS, f), 'utf8') }));
}

function lineStart(model: DocumentModel, i: number): number {
  return i < model.lines.length ? model.lines[i]!.start : model.text.length;
}

function removeLines(model: DocumentModel, from: number, to: number): string {
  return model.text.slice(0, lineStart(model, from)) + model.text.slice(lineStart(model, to));
}

function siblings(model: DocumentModel, n: RegNode): RegNode[] {
  const pool = n.parent ? n.parent.children : model.root;
  return pool.filter((s) => s.number && /^\d/.test(s.number.text) && s.kind === n.kind && !s.orphan && s.number.parts.length === n.number!.parts.length);
}

function spread<T>(list: readonly T[], k: number): T[] {
  if (list.length <= k) return [...list];
  return Array.from({ length: k }, (_, i) => list[Math.round((i * (list.length - 1)) / (k - 1))]!);
}

function plants(name: string, model: DocumentModel): Plant[] {
  const out: Plant[] = [];
  const numbered = model.nodes.filter((n) => n.number && /^\d/.test(n.number.text) && (n.kind === 'section' || n.kind === 'clause' || n.kind === 'subclause') && !n.orphan);
  for (const n of spread(numbered, 8)) {
    const sibs = siblings(model, n);
    const i = sibs.indexOf(n);
    const num = n.number!;
    const where = `${name} ${num.text}`;
    if (i > 0) {
      const prev = sibs[i - 1]!.number!;
      out.push({ kind: 'duplicate number', where, ruleId: 'numbering/duplicate', text: model.text.slice(0, num.range.start) + prev.text + (num.trailingDot ? '.' : '') + model.text.slice(num.range.end) });
    }
    const next = sibs[i + 1];
    if (next) out.push({ kind: 'gap (part deleted)', where, ruleId: 'numbering/gap', text: removeLines(model, n.line, next.line) });
    let text = model.text;
    for (const s of [...sibs.slice(i)].reverse()) {
      const p = s.number!.parts;
      const bumped = [...p.slice(0, -1), p[p.length - 1]! + 1].join('.') + (s.number!.trailingDot ? '.' : '');
      text = text.slice(0, s.number!.range.start) + bumped + text.slice(s.number!.range.end);
    }
    out.push({ kind: 'gap (renumbered)', where, ruleId: 'numbering/gap', text });
  }
  const profile = getKnowledge().structure.sections;
  for (const [id, kind] of [['final', 'missing final provisions'], ['terms', 'missing terms section'], ['rights', 'missing rights section']] as const) {
    const part = findSection(model, profile.find((s) => s.id === id)!);
    assert.ok(part, `${name}: the clean draft has no «${id}» part`);
    const depth = part.number?.parts.length ?? 1;
    const later = model.nodes.find((m) => m.headRange.start >= part.range.end && m.kind !== 'item' && (m.kind === 'appendix' || (m.number?.parts.length ?? 1) <= depth));
    out.push({
      kind,
      where: `${name} ${part.title}`,
      ruleId: 'structure/required-sections',
      text: removeLines(model, part.line, later ? later.line : model.lines.length),
      accept: (f) => f.data?.['sectionId'] === id,
    });
  }
  let text = model.text;
  for (const s of model.stamps.filter((x) => /^УТВЕРЖД/u.test(x.stamp?.kind ?? '')).reverse()) {
    const end = model.lineAt(Math.max(s.range.start, s.range.end - 1)) + 1;
    text = text.slice(0, lineStart(model, s.line)) + text.slice(lineStart(model, end));
  }
  out.push({ kind: 'missing approval stamp', where: name, ruleId: 'structure/approval-stamp', text, accept: (f) => /Нет грифа/.test(f.message) });
  return out;
}

/** Warnings and errors of the two families, as `rule: message` without line numbers. */
function problems(findings: readonly Finding[]): string[] {
  return findings.filter((f) => MINE.test(f.ruleId) && (f.severity === 'error' || f.severity === 'warning')).map((f) => `${f.ruleId}: ${f.message}`);
}

/** The authoring repair of a finding: renumbering for numbers, the insert fix for a missing part. */
function repair(text: string, finding: Finding, model: DocumentModel): string | undefined {
  if (finding.ruleId === 'numbering/gap' || finding.ruleId === 'numbering/duplicate') {
    const section = sectionAt(model, finding.range.start);
    const onSection = section?.number && section.number.range.start === finding.range.start;
    const { edits } = renumber(model, onSection ? undefined : section?.number?.text);
    return edits.length > 0 ? applyEdits(text, edits) : undefined;
  }
  const fix = finding.fixes?.[0];
  return fix ? applyEdits(text, fix.edits) : undefined;
}

describe('authoring on clean drafts with planted defects', () => {
  const all = drafts();

  for (const d of all) {
    it(`clean draft ${d.name}: no finding of the new authoring rules`, () => {
      const a = service.analyzeText(d.text);
      const mine = a.findings.filter((f) => NEW_RULES.includes(f.ruleId));
      assert.deepEqual(mine.map((f) => `${a.model.lineAt(f.range.start) + 1}: ${f.ruleId} ${f.message}`), []);
    });
  }

  it('finds ≥ 95 % of planted defects, and the renumber or insert repair removes each one', function () {
    this.timeout(180000);
    const stats = new Map<string, { planted: number; found: number; repaired: number }>();
    const misses: string[] = [];
    const unrepaired: string[] = [];
    for (const d of all) {
      const model = service.analyzeText(d.text, SETTINGS).model;
      for (const p of plants(d.name, model)) {
        const s = stats.get(p.kind) ?? { planted: 0, found: 0, repaired: 0 };
        stats.set(p.kind, s);
        s.planted++;
        const a = service.analyzeText(p.text, SETTINGS);
        const hit = a.findings.find((f) => f.ruleId === p.ruleId && (p.accept?.(f) ?? true));
        if (!hit) {
          misses.push(`${p.kind} @ ${p.where}`);
          continue;
        }
        s.found++;
        const fixed = repair(p.text, hit, a.model);
        if (fixed === undefined) {
          unrepaired.push(`${p.kind} @ ${p.where}: no repair offered`);
          continue;
        }
        const b = service.analyzeText(fixed, SETTINGS);
        const still = b.findings.filter((f) => f.ruleId === p.ruleId && (p.accept?.(f) ?? true) && (f.severity === 'error' || f.severity === 'warning'));
        const before = problems(a.findings);
        const added = problems(b.findings).filter((x) => !before.includes(x));
        if (still.length > 0 || added.length > 0) {
          unrepaired.push(`${p.kind} @ ${p.where}: left ${still.map((f) => f.message).join('; ') || '—'}; new ${added.join('; ') || '—'}`);
          continue;
        }
        s.repaired++;
      }
    }
    let planted = 0;
    let found = 0;
    let repaired = 0;
    for (const [kind, s] of stats) {
      planted += s.planted;
      found += s.found;
      repaired += s.repaired;
      console.log(`      ${kind}: found ${s.found}/${s.planted}, repaired ${s.repaired}/${s.found}`);
    }
    console.log(`      detection ${found}/${planted} = ${((100 * found) / planted).toFixed(1)}%, repair ${repaired}/${found} over ${all.length} drafts`);
    for (const kind of ['duplicate number', 'gap (part deleted)', 'gap (renumbered)', 'missing final provisions', 'missing terms section', 'missing rights section', 'missing approval stamp']) {
      assert.ok((stats.get(kind)?.planted ?? 0) >= all.length, `too few plants of «${kind}»`);
    }
    assert.ok(found / planted >= 0.95, `detection ${found}/${planted}:\n${misses.join('\n')}`);
    assert.deepEqual(unrepaired, []);
  });
});
