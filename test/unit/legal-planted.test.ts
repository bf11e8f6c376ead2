/**
 * Measures of issue 4 on clean drafts (`test/fixtures/drafts/clean/`): one planted citation
 * defect per copy — a wrong date, a wrong year, a repealed order (Приказ Минобрнауки № 816), a
 * repealed СанПиН 2.4.2.2821-10, the repealed 1992 Law — must be found on the planted line (≥ 95%);
 * exact date fixes restore the original; an act that expires before the check date is flagged;
 * clean drafts citing only acts in force get no legal warning or error; the real draft's
 * `273-ФЗ от 28.12.12` is found. The check date is always explicit.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings } from '../../server/src/config';
import { formatLike } from '../../server/src/legal/dates';
import { allRules } from '../../server/src/rules';
import { createRegulationService } from '../../server/src/service';
import type { Finding } from '../../server/src/rules/types';
import { applyEdits, collectFixAllEdits } from '../../server/src/util/edits';
import { FIXTURES, SHARED_CORPUS } from '../helpers/fixtures';

// Only the legal family runs: the measures are about it, and the planted copies are many.
const service = createRegulationService({ rules: allRules.filter((r) => r.id.startsWith('legal/')) });
const AS_OF = '2026-01-15';
const CLEAN = path.join(FIXTURES, 'drafts/clean');

function drafts(): Array<{ name: string; text: string }> {
  return fs.readdirSync(CLEAN).filter((f) => f.endsWith('.md')).sort().map((name) => ({ name, text: fs.readFileSync(path.join(CLEAN, name), 'utf8') }));
}

function legal(text: string, asOf = AS_OF): { findings: Finding[]; lineAt: (o: number) => number } {
  const a = service.analyzeText(text, normalizeSettings({ asOf }));
  return { findings: a.findings.filter((f) => f.ruleId.startsWith('legal/')), lineAt: (o) => a.model.lineAt(o) };
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;

/** Applies the preferred fixes of one rule until nothing changes. */
function fixRule(text: string, ruleId: string, asOf = AS_OF): string {
  let current = text;
  for (let i = 0; i < 5; i++) {
    const edits = collectFixAllEdits(legal(current, asOf).findings.filter((f) => f.ruleId === ruleId));
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return current;
}

/** Dates of 273-ФЗ, 149-ФЗ, 152-ФЗ, 156-ФЗ, 1678 as written in the drafts (numeric), with the number after. */
const CITED_DATE = /от (\d{2})\.(\d{2})\.(\d{4})(?:\s*г\.)?\s*№\s*(273-ФЗ|149-ФЗ|152-ФЗ|156-ФЗ|1678)/gu;

interface Plant {
  readonly name: string;
  readonly text: string;
  readonly line: number;
  readonly rule: string;
  readonly original: string;
  /** The fix must restore the original exactly. */
  readonly restores: boolean;
}

/** Copies with a wrong day and copies with a wrong year, one per dated citation. */
function datePlants(name: string, text: string): Plant[] {
  const out: Plant[] = [];
  for (const m of text.matchAll(CITED_DATE)) {
    const at = m.index! + 3;
    const [dd, mm, yyyy] = [m[1]!, m[2]!, m[3]!];
    const wrongDay = String(Number(dd) === 28 ? 27 : Number(dd) + 1).padStart(2, '0');
    for (const [label, wrong] of [['day', `${wrongDay}.${mm}.${yyyy}`], ['year', `${dd}.${mm}.${Number(yyyy) - 1}`]] as const) {
      const planted = text.slice(0, at) + wrong + text.slice(at + 10);
      out.push({ name: `${name} ${m[4]} wrong ${label}`, text: planted, line: lineOf(text, at), rule: 'legal/wrong-date', original: text, restores: true });
    }
  }
  return out;
}

/** The forms of the planted acts by the case of the basis list. */
const REPEALED: Record<string, Record<'nom' | 'gen' | 'ins', string>> = {
  '816': {
    nom: 'Приказ Минобрнауки России от 23.08.2017 № 816 «Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий при реализации образовательных программ»',
    gen: 'Приказа Минобрнауки России от 23.08.2017 № 816',
    ins: 'Приказом Минобрнауки России от 23.08.2017 № 816',
  },
  sanpin: { nom: 'СанПиН 2.4.2.2821-10', gen: 'СанПиН 2.4.2.2821-10', ins: 'СанПиН 2.4.2.2821-10' },
  law1992: {
    nom: 'Закон РФ от 10.07.1992 № 3266-1 «Об образовании»',
    gen: 'Закона РФ от 10.07.1992 № 3266-1 «Об образовании»',
    ins: 'Законом РФ от 10.07.1992 № 3266-1 «Об образовании»',
  },
};

/** Adds a repealed act next to 273-ФЗ: a new list item after its item, or into its run of citations. */
function repealedPlants(name: string, text: string): Plant[] {
  const at = text.indexOf('273-ФЗ');
  if (at < 0) return [];
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lineEnd = (/\r?\n/.exec(text.slice(at))?.index ?? text.length - at) + at;
  const line = text.slice(lineStart, lineEnd);
  const gcase = /Федеральным\s+закон/u.test(line) ? 'ins' : /Федерального\s+закон/u.test(line) ? 'gen' : 'nom';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const item = /^\s*(?:[-–—·•⇒*+]|\d+\))\s*/u.exec(line)?.[0];
  const out: Plant[] = [];
  for (const [key, forms] of Object.entries(REPEALED)) {
    const citation = forms[gcase];
    let planted: string;
    let plantedLine: number;
    if (item) {
      const end = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1);
      planted = text.slice(0, end) + `${item}${citation};${eol}` + text.slice(end);
      plantedLine = lineOf(text, lineStart) + 1;
    } else {
      const close = text.indexOf('»', at) + 1;
      planted = text.slice(0, close) + `, ${citation}` + text.slice(close);
      plantedLine = lineOf(text, lineStart);
    }
    // Removal restores the draft when every successor is cited already.
    const restores = key === 'law1992' || (key === '816' && /№\s*1678/u.test(text)) || (key === 'sanpin' && /СП 2\.4\.3648-20/u.test(text) && /СанПиН 1\.2\.3685-21/u.test(text));
    out.push({ name: `${name} + ${key}`, text: planted, line: plantedLine, rule: 'legal/repealed', original: text, restores });
  }
  return out;
}

describe('legal: planted citation defects in clean drafts', () => {
  const all = drafts();

  it('has at least 6 clean drafts that cite 273-ФЗ', () => {
    assert.ok(all.filter((d) => d.text.includes('273-ФЗ')).length >= 6, `only ${all.length} drafts`);
  });

  it('clean drafts citing only acts in force: no legal warning or error', () => {
    const noisy: string[] = [];
    for (const d of all) {
      for (const f of legal(d.text).findings) {
        if (f.severity === 'error' || f.severity === 'warning') noisy.push(`${d.name}:${lineOf(d.text, f.range.start) + 1} ${f.ruleId} ${f.message}`);
      }
    }
    assert.deepEqual(noisy, []);
  });

  it('finds ≥ 95% of planted defects on the planted line; exact fixes restore the original', function () {
    this.timeout(120_000);
    const plants = all.flatMap((d) => [...datePlants(d.name, d.text), ...repealedPlants(d.name, d.text)]);
    assert.ok(plants.length >= 40, `only ${plants.length} plants`);
    const missed: string[] = [];
    const notRestored: string[] = [];
    for (const p of plants) {
      const found = legal(p.text).findings.some((f) => f.ruleId === p.rule && lineOf(p.text, f.range.start) === p.line);
      if (!found) missed.push(`${p.name} (line ${p.line + 1})`);
      if (found && p.restores && fixRule(p.text, p.rule) !== p.original) notRestored.push(p.name);
    }
    const rate = (plants.length - missed.length) / plants.length;
    console.log(`      planted: ${plants.length}, found on the right line: ${(rate * 100).toFixed(1)}%`);
    assert.ok(rate >= 0.95, `found ${(rate * 100).toFixed(1)}%; missed:\n${missed.join('\n')}`);
    assert.deepEqual(notRestored, []);
  });

  it('every wrong-date fix restores the planted original exactly (dd.mm.yyyy, dd.mm.yy, words)', () => {
    const variants: Array<[string, string]> = [['29.12.2012', '28.12.2012'], ['29.12.12', '28.12.12'], ['29 декабря 2012', '28 декабря 2012'], ['29.12.2012', '29.12.2013']];
    for (const [right, wrong] of variants) {
      const original = `ПОЛОЖЕНИЕ\n\n1. Общие положения\n\n1.1. Положение разработано на основании Федерального закона от ${right} г. № 273-ФЗ «Об образовании в Российской Федерации».\n`;
      const planted = original.replace(right, wrong);
      assert.equal(fixRule(planted, 'legal/wrong-date'), original, `${wrong} → ${right}`);
      assert.equal(formatLike(wrong, '2012-12-29'), right);
    }
  });

  it('checked as of a date after an act expires, that act is flagged', () => {
    const cases: Array<{ code: RegExp; asOf: string }> = [
      { code: /СанПиН 1\.2\.3685-21/u, asOf: '2027-03-02' },
      { code: /СП 2\.4\.3648-20/u, asOf: '2027-01-02' },
    ];
    let checked = 0;
    for (const d of all) {
      for (const c of cases) {
        const m = c.code.exec(d.text);
        if (!m) continue;
        checked++;
        const before = legal(d.text, '2026-01-15').findings.filter((f) => f.ruleId === 'legal/repealed');
        assert.deepEqual(before.map((f) => f.message), [], `${d.name} before expiry`);
        const after = legal(d.text, c.asOf).findings.filter((f) => f.ruleId === 'legal/repealed');
        assert.ok(after.some((f) => lineOf(d.text, f.range.start) === lineOf(d.text, m.index)), `${d.name}: ${m[0]} not flagged as of ${c.asOf}`);
      }
    }
    // Drafts with no expiring act: the same check on a copy that cites СанПиН 1.2.3685-21.
    for (const d of all.filter((x) => !/3685-21|3648-20/.test(x.text)).slice(0, 3)) {
      const copy = d.text.replace('273-ФЗ «Об образовании в Российской Федерации»', '273-ФЗ «Об образовании в Российской Федерации» и СанПиН 1.2.3685-21');
      if (copy === d.text) continue;
      checked++;
      assert.ok(legal(copy, '2027-03-02').findings.some((f) => f.ruleId === 'legal/repealed' && /3685-21/.test(f.message)), d.name);
    }
    assert.ok(checked >= 3, `only ${checked} checks`);
  });

  it('the CLI `check --as-of` after the expiry flags the act, before it does not', function () {
    this.timeout(60_000);
    const bin = path.resolve(__dirname, '../../../bin/normokontrol.js');
    const d = all.find((x) => /СанПиН 1\.2\.3685-21/u.test(x.text));
    assert.ok(d, 'a clean draft citing СанПиН 1.2.3685-21');
    const line = lineOf(d.text, d.text.indexOf('СанПиН 1.2.3685-21'));
    const flagged = (asOf: string): number[] => {
      const r = spawnSync(process.execPath, [bin, 'check', '--as-of', asOf, '--format', 'json', path.join(CLEAN, d.name)], { encoding: 'utf8', timeout: 60_000 });
      const out = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ rule: string; range: { start: { line: number } } }> }> };
      return out.files.flatMap((f) => f.diagnostics).filter((x) => x.rule === 'legal/repealed').map((x) => x.range.start.line);
    };
    assert.deepEqual(flagged('2027-03-02'), [line]);
    assert.deepEqual(flagged('2026-01-15'), []);
  });

  it('within 90 days before the end of force, the act is information, not a warning', () => {
    const d = all.find((x) => /СанПиН 1\.2\.3685-21/u.test(x.text));
    assert.ok(d, 'a clean draft citing СанПиН 1.2.3685-21');
    const f = legal(d.text, '2027-01-15').findings.filter((x) => x.ruleId === 'legal/expiring');
    assert.ok(f.length > 0 && f.every((x) => x.severity === 'information'));
    assert.deepEqual(legal(d.text, '2026-10-01').findings.filter((x) => x.ruleId === 'legal/expiring'), []);
  });

  it('the real draft: `273-ФЗ от 28.12.12` is a wrong date, fixed to 29.12.12', () => {
    const text = fs.readFileSync(path.join(SHARED_CORPUS, 'sopk-max-2025.md'), 'utf8');
    const at = text.indexOf('273-ФЗ от 28.12.12');
    assert.ok(at >= 0);
    const f = legal(text, '2026-11-21').findings.filter((x) => x.ruleId === 'legal/wrong-date');
    assert.deepEqual(f.map((x) => lineOf(text, x.range.start)), [lineOf(text, at)]);
    assert.equal(f[0]!.severity, 'error');
    assert.equal(applyEdits(text, f[0]!.fixes![0]!.edits).indexOf('273-ФЗ от 29.12.12'), at);
  });

  it('the real drafts: unverified acts are never called stale or wrong', () => {
    for (const file of ['sopk-max-2025.md', 'sosh14-sferum-2024.md', 'rpl-poryadok-2025.md']) {
      const text = fs.readFileSync(path.join(SHARED_CORPUS, file), 'utf8');
      for (const f of legal(text, '2026-11-21').findings) {
        const actId = (f.data as { actId?: string } | undefined)?.actId ?? '';
        if (/^(letter-|order-mincifry-542|mr-|order-minpros-551)/.test(actId)) assert.equal(f.ruleId, 'legal/unknown-act', `${file}: ${f.message}`);
      }
    }
  });
});
