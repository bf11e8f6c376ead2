/**
 * Blind validation (issues 2, 4, 5 «Measured by»): ten drafts written for this test only
 * (`test/fixtures/drafts/blind/`, styles the other fixtures do not have: one-line stamps, `###`
 * headings with bold numbers, Word conversion with page headers and NBSP, a stamp table without
 * edge pipes, Roman sections, four-level sub-clauses, `1)`/`а)` items and numbered entries, a
 * run-on normative basis with dates in words, two appendices, VK and MAX eras).
 * - the outline gives the numbers a lawyer reads (`<name>.expected.json`, written by hand);
 * - the clean drafts give no warning or error of any family as of 2026-01-15;
 * - a copy with one planted defect — a duplicate number, a gap, a missing final-provisions,
 *   terms or rights part, a missing approval stamp, a wrong date of a cited act, a repealed act
 *   (Приказ № 816, СанПиН 2.4.2.2821-10, the 1992 Law) — is reported on the planted line; defects
 *   are planted programmatically at several positions of every draft; date fixes restore the
 *   original exactly; an act is flagged when checked after it expires.
 * Everything runs in-process; one CLI smoke covers `outline`, `check --as-of` and `check --fix`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeSettings } from '../../server/src/config';
import { getKnowledge } from '../../server/src/knowledge';
import type { SectionSpec } from '../../server/src/knowledge/types';
import type { ClauseNumber, DocumentModel } from '../../server/src/model/types';
import { allRules } from '../../server/src/rules';
import { findSection } from '../../server/src/rules/structure/required-sections';
import type { Finding } from '../../server/src/rules/types';
import { createRegulationService } from '../../server/src/service';
import type { OutlineNode } from '../../server/src/service/outline';
import { applyEdits, collectFixAllEdits } from '../../server/src/util/edits';
import { FIXTURES } from '../helpers/fixtures';

const BLIND = path.join(FIXTURES, 'drafts', 'blind');
const AS_OF = '2026-01-15';
const service = createRegulationService();
const structural = createRegulationService({ rules: allRules.filter((r) => /^(structure|numbering)\//.test(r.id)) });
const legalOnly = createRegulationService({ rules: allRules.filter((r) => r.id.startsWith('legal/')) });
const settings = (asOf = AS_OF) => normalizeSettings({ asOf });

interface Draft {
  readonly name: string;
  readonly text: string;
  readonly numbers: readonly string[];
}

function drafts(): Draft[] {
  return fs.readdirSync(BLIND).filter((f) => f.endsWith('.md')).sort().map((f) => {
    const expected = JSON.parse(fs.readFileSync(path.join(BLIND, f.replace(/\.md$/, '.expected.json')), 'utf8')) as { numbers: string[] };
    return { name: f, text: fs.readFileSync(path.join(BLIND, f), 'utf8'), numbers: expected.numbers };
  });
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
const replaceRange = (text: string, start: number, end: number, by: string): string => text.slice(0, start) + by + text.slice(end);

function outlineNumbers(nodes: readonly OutlineNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.number !== undefined) out.push(n.number);
    outlineNumbers(n.children, out);
  }
  return out;
}

// --- Planting -------------------------------------------------------------------------------

interface Plant {
  readonly kind: string;
  readonly where: string;
  readonly text: string;
  readonly ruleId: string;
  /** 0-based line that must carry the finding. */
  readonly line: number;
  readonly accept?: (f: Finding) => boolean;
  /** The preferred fixes of `ruleId` must give back this text. */
  readonly restores?: string;
}

const ROMAN: Array<[number, string]> = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
function roman(n: number): string {
  let s = '';
  for (const [v, r] of ROMAN) while (n >= v) { s += r; n -= v; }
  return s;
}

/** `n` written in the style of `like` (Roman or Arabic), trailing dot included as written. */
function numberLike(like: ClauseNumber, parts: readonly number[]): string {
  const body = /^[IVXLC]+$/.test(like.text) ? roman(parts[0]!) : parts.join('.');
  return body + (like.trailingDot ? '.' : '');
}

function lineStart(model: DocumentModel, i: number): number {
  return i < model.lines.length ? model.lines[i]!.start : model.text.length;
}

function removeLines(text: string, model: DocumentModel, from: number, to: number): string {
  return text.slice(0, lineStart(model, from)) + text.slice(lineStart(model, to));
}

function spec(id: string): SectionSpec {
  const s = getKnowledge().structure.sections.find((x) => x.id === id);
  assert.ok(s, `no section spec ${id}`);
  return s;
}

/** At most `k` elements spread evenly over `list`, first and last included. */
function spread<T>(list: readonly T[], k: number): T[] {
  if (list.length <= k) return [...list];
  return Array.from({ length: k }, (_, i) => list[Math.round((i * (list.length - 1)) / (k - 1))]!);
}

function structurePlants(d: Draft, model: DocumentModel): Plant[] {
  const out: Plant[] = [];
  const numbered = model.nodes.filter((n) => n.number && n.kind !== 'item' && n.kind !== 'appendix' && !n.orphan && !model.appendices.some((a) => a.range.start <= n.range.start && n.range.start < a.range.end));
  for (const n of spread(numbered, 10)) {
    const pool = n.parent ? n.parent.children : model.root;
    const sibs = pool.filter((s) => s.number && s.kind === n.kind && s.number.parts.length === n.number!.parts.length);
    const i = sibs.indexOf(n);
    const num = n.number!;
    const where = `${d.name} ${num.text}`;
    if (i > 0) {
      const prev = sibs[i - 1]!.number!;
      out.push({ kind: 'duplicate number', where, ruleId: 'numbering/duplicate', line: n.line, text: replaceRange(model.text, num.range.start, num.range.end, numberLike(num, prev.parts)) });
    }
    const next = sibs[i + 1];
    if (next) {
      const text = removeLines(model.text, model, n.line, next.line);
      // The next sibling moves up to the deleted part's line and carries the gap.
      out.push({ kind: 'gap (part deleted)', where, ruleId: 'numbering/gap', line: n.line, text });
    }
    let text = model.text;
    for (const s of sibs.slice(i).reverse()) {
      const p = s.number!.parts;
      text = replaceRange(text, s.number!.range.start, s.number!.range.end, numberLike(s.number!, [...p.slice(0, -1), p[p.length - 1]! + 1]));
    }
    out.push({ kind: 'gap (renumbered)', where, ruleId: 'numbering/gap', line: n.line, text });
  }
  const titleLine = model.title ? model.lineAt(model.title.kindRange.start) : 0;
  for (const [id, kind] of [['final', 'missing final provisions'], ['terms', 'missing terms section'], ['rights', 'missing rights section']] as const) {
    const part = findSection(model, spec(id));
    assert.ok(part, `${d.name}: the clean draft has no «${id}» part`);
    const depth = part.number?.parts.length ?? 1;
    const later = model.nodes.find((m) => m.headRange.start >= part.range.end && m.kind !== 'item' && (m.kind === 'appendix' || (m.number?.parts.length ?? 1) <= depth));
    const text = removeLines(model.text, model, part.line, later ? later.line : model.lines.length);
    out.push({ kind, where: `${d.name} ${part.title}`, ruleId: 'structure/required-sections', line: titleLine, text, accept: (f) => f.data?.['sectionId'] === id });
  }
  // Missing approval stamp: every line of every УТВЕРЖД… stamp removed (a table row holding two stamps goes whole).
  const gone = new Set<number>();
  for (const s of model.stamps.filter((x) => /^УТВЕРЖД/u.test(x.stamp?.kind ?? ''))) {
    for (let k = s.line; k <= model.lineAt(Math.max(s.range.start, s.range.end - 1)); k++) gone.add(k);
  }
  assert.ok(gone.size > 0, `${d.name}: the clean draft has no approval stamp`);
  const kept = model.lines.filter((l) => !gone.has(l.index));
  const text = kept.map((l) => model.text.slice(l.start, lineStart(model, l.index + 1))).join('');
  out.push({ kind: 'missing approval stamp', where: d.name, ruleId: 'structure/approval-stamp', line: titleLine - [...gone].filter((k) => k < titleLine).length, text });
  return out;
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
/** A citation's date, numeric or in words, right before `№ <number>` (NBSP and line breaks allowed). */
const DATED = new RegExp(`от\\s+(\\d{2}\\.\\d{2}\\.\\d{4}|\\d{1,2}\\s+(?:${MONTHS.join('|')})\\s+\\d{4})(?:\\s*г\\.)?\\s*№\\s*(273-ФЗ|149-ФЗ|152-ФЗ|156-ФЗ|1678|1241|1880-р|2240-р)(?![\\p{L}\\d])`, 'gu');

function shiftDate(raw: string, what: 'day' | 'year'): string {
  const num = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(raw);
  const [d, m, y] = num ? [num[1]!, num[2]!, num[3]!] : /^(\d{1,2})(\s+\p{L}+\s+)(\d{4})$/u.exec(raw)!.slice(1);
  if (what === 'year') return num ? `${d}.${m}.${Number(y) - 1}` : `${d}${m}${Number(y) - 1}`;
  const day = Number(d) === 28 ? 27 : Number(d) === 29 ? 28 : Number(d) + 1; // 29.12.2012 → 28.12.2012, the classic slip
  return num ? `${String(day).padStart(d!.length, '0')}.${m}.${y}` : `${day}${m}${y}`;
}

function datePlants(d: Draft): Plant[] {
  const out: Plant[] = [];
  for (const m of d.text.matchAll(DATED)) {
    const at = m.index! + m[0].indexOf(m[1]!);
    for (const what of ['day', 'year'] as const) {
      const text = replaceRange(d.text, at, at + m[1]!.length, shiftDate(m[1]!, what));
      out.push({ kind: `wrong date (${what})`, where: `${d.name} ${m[2]}`, ruleId: 'legal/wrong-date', line: lineOf(d.text, at), text, restores: d.text });
    }
  }
  return out;
}

const REPEALED: Record<string, Record<'nom' | 'gen' | 'ins', string>> = {
  'Приказ № 816': {
    nom: 'Приказ Минобрнауки России от 23.08.2017 № 816 «Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий при реализации образовательных программ»',
    gen: 'Приказа Минобрнауки России от 23.08.2017 № 816 «Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий при реализации образовательных программ»',
    ins: 'Приказом Минобрнауки России от 23.08.2017 № 816 «Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий при реализации образовательных программ»',
  },
  'СанПиН 2.4.2.2821-10': {
    nom: 'СанПиН 2.4.2.2821-10 «Санитарно-эпидемиологические требования к условиям и организации обучения в общеобразовательных учреждениях»',
    gen: 'СанПиН 2.4.2.2821-10 «Санитарно-эпидемиологические требования к условиям и организации обучения в общеобразовательных учреждениях»',
    ins: 'СанПиН 2.4.2.2821-10 «Санитарно-эпидемиологические требования к условиям и организации обучения в общеобразовательных учреждениях»',
  },
  'Закон № 3266-1': {
    nom: 'Закон РФ от 10.07.1992 № 3266-1 «Об образовании»',
    gen: 'Закона РФ от 10.07.1992 № 3266-1 «Об образовании»',
    ins: 'Законом РФ от 10.07.1992 № 3266-1 «Об образовании»',
  },
};

/** Grammatical case of the basis list, read from the wording of the 273-ФЗ citation. */
function caseOf(text: string, at: number): 'nom' | 'gen' | 'ins' {
  const before = text.slice(Math.max(0, at - 60), at);
  if (/(?:Федеральным|законом)\s[^«]*$/u.test(before)) return 'ins';
  if (/(?:Федерального|закона)\s[^«]*$/u.test(before)) return 'gen';
  return 'nom';
}

/**
 * A repealed act added to the normative basis at several positions: as a new list entry after
 * the first, a middle and the last entry of the basis list (same marker), or, in a run-on
 * basis, after the first, a middle and the last quoted title of the paragraph.
 */
function repealedPlants(d: Draft, model: DocumentModel): Plant[] {
  const at273 = d.text.indexOf('273-ФЗ');
  assert.ok(at273 >= 0, `${d.name} cites 273-ФЗ`);
  const gcase = caseOf(d.text, at273);
  const line = model.lines[model.lineAt(at273)]!;
  const raw = d.text.slice(line.start, line.end);
  const marker = /^\s*(?:[-–—·•⇒*+]|\d{1,2}[.)])\s*/u.exec(raw)?.[0];
  const eol = model.eol;
  const out: Plant[] = [];
  const positions: Array<{ offset: number; item: boolean; line: number }> = [];
  if (marker) {
    // The run of list lines with the same kind of marker around the 273-ФЗ line.
    const kindOf = (s: string): string => (/^\s*\d/.test(s) ? 'num' : (/^\s*(\S)/.exec(s)?.[1] ?? ''));
    const same = (l: number): boolean => {
      const t = d.text.slice(model.lines[l]!.start, model.lines[l]!.end);
      const m = /^\s*(?:[-–—·•⇒*+]|\d{1,2}[.)])\s*/u.exec(t)?.[0];
      return m !== undefined && kindOf(m) === kindOf(marker);
    };
    const items: number[] = [];
    for (let l = line.index; l < model.lines.length; l++) {
      if (model.lines[l]!.block === 'blank') continue;
      if (!same(l)) break;
      items.push(l);
    }
    for (const l of spread(items, 3)) {
      const next = l + 1 < model.lines.length ? model.lines[l + 1]!.start : d.text.length;
      positions.push({ offset: next, item: true, line: l + 1 });
    }
  } else {
    // A run-on paragraph: after closing quotes of citations in the paragraph of 273-ФЗ.
    const para = model.nodes.find((n) => n.kind !== 'item' && n.range.start <= at273 && at273 < n.range.end && n.kind !== 'section')!;
    const closes: number[] = [];
    for (let k = d.text.indexOf('»', at273); k >= 0 && k < para.range.end; k = d.text.indexOf('»', k + 1)) {
      if (d.text[k + 1] !== '»' && /^[,;]/.test(d.text.slice(k + 1))) closes.push(k + 1);
    }
    for (const c of spread(closes, 3)) positions.push({ offset: c, item: false, line: lineOf(d.text, c) });
  }
  for (const [name, forms] of Object.entries(REPEALED)) {
    for (const p of positions) {
      const citation = forms[gcase];
      let text: string;
      if (p.item) {
        const prefix = /^\d/.test(marker!.trim()) ? marker!.replace(/\d+/, '9') : marker!;
        const end = /[.;]$/.test(d.text.slice(0, p.offset).trimEnd()) ? d.text.slice(0, p.offset).trimEnd().slice(-1) : ';';
        const blankBetween = p.line < model.lines.length && model.lines[p.line]!.block === 'blank';
        text = d.text.slice(0, p.offset) + (blankBetween ? eol : '') + `${prefix}${citation}${end}${eol}` + d.text.slice(p.offset);
        const plantedLine = p.line + (blankBetween ? 1 : 0);
        out.push({ kind: `repealed ${name}`, where: `${d.name} @${p.line + 1}`, ruleId: 'legal/repealed', line: plantedLine, text });
      } else {
        text = d.text.slice(0, p.offset) + `, ${citation}` + d.text.slice(p.offset);
        out.push({ kind: `repealed ${name}`, where: `${d.name} @${p.line + 1}`, ruleId: 'legal/repealed', line: p.line, text });
      }
    }
  }
  return out;
}

function found(p: Plant, svc: typeof service, asOf = AS_OF): { hit: boolean; got: Finding[]; lineAt: (o: number) => number } {
  const a = svc.analyzeText(p.text, settings(asOf));
  const got = a.findings.filter((f) => f.ruleId === p.ruleId);
  return { hit: got.some((f) => a.model.lineAt(f.range.start) === p.line && (p.accept?.(f) ?? true)), got, lineAt: (o) => a.model.lineAt(o) };
}

function fixRule(text: string, ruleId: string): string {
  let current = text;
  for (let i = 0; i < 5; i++) {
    const a = legalOnly.analyzeText(current, settings());
    const edits = collectFixAllEdits(a.findings.filter((f) => f.ruleId === ruleId));
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return current;
}

interface Tally { planted: number; found: number; misses: string[] }

function measure(plants: readonly Plant[], svc: typeof service, restore = false): Map<string, Tally> & { notRestored?: string[] } {
  const stats = new Map<string, Tally>() as Map<string, Tally> & { notRestored?: string[] };
  stats.notRestored = [];
  for (const p of plants) {
    const r = found(p, svc);
    const t = stats.get(p.kind) ?? { planted: 0, found: 0, misses: [] };
    t.planted++;
    if (r.hit) t.found++;
    else t.misses.push(`${p.kind} @ ${p.where}: expected ${p.ruleId} on line ${p.line + 1}; got ${r.got.map((f) => r.lineAt(f.range.start) + 1).join(', ') || 'nothing'}`);
    stats.set(p.kind, t);
    if (restore && r.hit && p.restores !== undefined && fixRule(p.text, p.ruleId) !== p.restores) stats.notRestored.push(`${p.kind} @ ${p.where}`);
  }
  return stats;
}

function report(stats: Map<string, Tally>): { rate: number; misses: string[] } {
  let planted = 0;
  let hit = 0;
  const misses: string[] = [];
  for (const [kind, t] of stats) {
    planted += t.planted;
    hit += t.found;
    misses.push(...t.misses);
    console.log(`      ${kind}: ${t.found}/${t.planted}`);
  }
  console.log(`      found on the planted line: ${hit}/${planted} = ${((100 * hit) / planted).toFixed(1)}%`);
  return { rate: hit / planted, misses };
}

// --- Tests ----------------------------------------------------------------------------------

describe('blind drafts: outline, clean check, planted structure, numbering and citation defects', () => {
  const all = drafts();

  it('has ten blind drafts, each with expected numbers', () => {
    assert.ok(all.length >= 10, `only ${all.length} drafts`);
    for (const d of all) assert.ok(d.numbers.length >= 10, d.name);
  });

  for (const d of all) {
    it(`${d.name}: the outline numbers are those a lawyer reads`, () => {
      const a = service.analyzeText(d.text, settings());
      assert.deepEqual(outlineNumbers(service.outline(a)), d.numbers);
    });
    it(`${d.name}: no warning or error of any family as of ${AS_OF}`, () => {
      const a = service.analyzeText(d.text, settings());
      const noisy = a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(noisy.map((f) => `${a.model.lineAt(f.range.start) + 1}: ${f.ruleId} ${f.message}`), []);
      assert.ok(a.model.stamps.some((s) => /^УТВЕРЖД/u.test(s.stamp?.kind ?? '') && s.stamp?.date?.iso), 'an approval stamp with a date');
      assert.ok(a.model.title, 'a title');
    });
  }

  it('finds planted structure and numbering defects on the right line', function () {
    this.timeout(60_000);
    const plants = all.flatMap((d) => structurePlants(d, service.analyzeText(d.text, settings()).model));
    const stats = measure(plants, structural);
    for (const kind of ['duplicate number', 'gap (part deleted)', 'gap (renumbered)', 'missing final provisions', 'missing terms section', 'missing rights section', 'missing approval stamp']) {
      assert.ok((stats.get(kind)?.planted ?? 0) >= all.length, `too few plants of «${kind}»`);
    }
    const { misses } = report(stats);
    assert.deepEqual(misses, []);
  });

  it('finds planted citation defects on the right line; date fixes restore the original', function () {
    this.timeout(60_000);
    const plants = all.flatMap((d) => [...datePlants(d), ...repealedPlants(d, service.analyzeText(d.text, settings()).model)]);
    assert.ok(plants.length >= 100, `only ${plants.length} plants`);
    const stats = measure(plants, legalOnly, true);
    const { misses } = report(stats);
    assert.deepEqual(misses, []);
    assert.deepEqual(stats.notRestored, []);
  });

  it('flags СанПиН 1.2.3685-21 checked after it expires, not before', () => {
    let checked = 0;
    for (const d of all) {
      // Drafts that do not cite it get it added after 273-ФЗ's title.
      const text = d.text.includes('СанПиН 1.2.3685-21') ? d.text : d.text.replace('273-ФЗ «Об образовании в Российской Федерации»', '273-ФЗ «Об образовании в Российской Федерации», СанПиН 1.2.3685-21');
      const at = text.indexOf('СанПиН 1.2.3685-21');
      if (at < 0) continue;
      checked++;
      const lineAt = (asOf: string): number[] => {
        const a = legalOnly.analyzeText(text, settings(asOf));
        return a.findings.filter((f) => f.ruleId === 'legal/repealed' && /3685-21/u.test(f.message)).map((f) => a.model.lineAt(f.range.start));
      };
      assert.deepEqual(lineAt(AS_OF), [], `${d.name} before expiry`);
      assert.ok(lineAt('2027-03-02').includes(lineOf(text, at)), `${d.name}: not flagged as of 2027-03-02`);
    }
    assert.ok(checked >= 8, `only ${checked} drafts checked`);
  });

  it('CLI smoke: outline, check --as-of and check --fix restoring a wrong date', function () {
    this.timeout(60_000);
    const bin = path.resolve(__dirname, '../../../bin/normokontrol.js');
    const d = all.find((x) => x.text.includes('СанПиН 1.2.3685-21') && x.text.includes('от 29.12.2012 № 273-ФЗ'));
    assert.ok(d, 'a blind draft citing СанПиН 1.2.3685-21');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-blind-'));
    try {
      const file = path.join(dir, d.name);
      fs.writeFileSync(file, d.text);
      const outline = spawnSync(process.execPath, [bin, 'outline', '--format', 'json', file], { encoding: 'utf8' });
      assert.equal(outline.status, 0, outline.stderr);
      const json = JSON.parse(outline.stdout) as { files: Array<{ outline: OutlineNode[] }> };
      assert.deepEqual(outlineNumbers(json.files[0]!.outline), d.numbers);
      const check = (asOf: string): Array<{ rule: string; severity: string; range: { start: { line: number } } }> => {
        const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', '--as-of', asOf, file], { encoding: 'utf8' });
        assert.ok(r.status === 0 || r.status === 1, r.stderr);
        return (JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ rule: string; severity: string; range: { start: { line: number } } }> }> }).files[0]!.diagnostics;
      };
      assert.deepEqual(check(AS_OF).filter((x) => x.severity === 'error' || x.severity === 'warning'), []);
      const sanpinLine = lineOf(d.text, d.text.indexOf('СанПиН 1.2.3685-21'));
      assert.ok(check('2027-03-02').some((x) => x.rule === 'legal/repealed' && x.range.start.line === sanpinLine));
      const planted = d.text.replace('от 29.12.2012 № 273-ФЗ', 'от 28.12.2012 № 273-ФЗ');
      assert.notEqual(planted, d.text);
      fs.writeFileSync(file, planted);
      const fix = spawnSync(process.execPath, [bin, 'check', '--fix', '--as-of', AS_OF, file], { encoding: 'utf8' });
      assert.ok(fix.status === 0 || fix.status === 1, fix.stderr);
      assert.equal(fs.readFileSync(file, 'utf8'), d.text);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
