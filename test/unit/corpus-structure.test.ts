/**
 * The real defects of the numbering/* and structure/* families in the three shared drafts
 * (`/work/shared/corpus`, regulations.md §7): found where a lawyer sees them, with fixes that
 * change exactly the defect — and nothing reported that the drafts do not contain.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentAnalysis } from '../../server/src/service';
import { createRegulationService } from '../../server/src/service';
import { applyEdits, collectFixAllEdits } from '../../server/src/util/edits';
import { SHARED_CORPUS } from '../helpers/fixtures';

const service = createRegulationService();
const MINE = /^(numbering|structure)\//;

function load(name: string): DocumentAnalysis {
  return service.analyzeText(fs.readFileSync(path.join(SHARED_CORPUS, name), 'utf8'), undefined, name);
}

/** 0-based index of the first line containing `needle`. */
function lineOf(a: DocumentAnalysis, needle: string): number {
  const i = a.model.lines.findIndex((l) => a.text.slice(l.start, l.end).includes(needle));
  assert.ok(i >= 0, `no line with «${needle}»`);
  return i;
}

function mine(a: DocumentAnalysis, ruleId?: string) {
  return a.findings.filter((f) => MINE.test(f.ruleId) && (ruleId === undefined || f.ruleId === ruleId));
}

function at(a: DocumentAnalysis, ruleId: string, line: number) {
  return mine(a, ruleId).filter((f) => a.model.lineAt(f.range.start) === line);
}

/** Applies every fix of one rule until nothing fixable remains. */
function fixAll(text: string, ruleId: string): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const edits = collectFixAllEdits(service.analyzeText(current).findings.filter((f) => f.ruleId === ruleId));
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return current;
}

describe('numbering/* and structure/* on the shared corpus', () => {
  describe('rpl-poryadok-2025.md (a ПОРЯДОК in Markdown with nesting)', () => {
    const a = load('rpl-poryadok-2025.md');

    it('a ПОРЯДОК calling itself «Положение» in 1.2 and 1.3, fixed keeping case and agreement', () => {
      const l12 = lineOf(a, '1.2. Положение разработано');
      const [f12] = at(a, 'structure/title', l12);
      assert.ok(f12, 'no finding on 1.2');
      assert.equal(f12.fixes?.[0]?.edits.length, 1);
      assert.equal(applyEdits(a.text, f12.fixes![0]!.edits).split('\n')[l12], '1.2. Порядок разработан в соответствии с:');
      const l13 = lineOf(a, '1.3. Понятия, используемые в настоящем положении');
      assert.equal(at(a, 'structure/title', l13).length, 1);
      // «Приложение № 1 к Положению о порядке …» names the act by its full title and is left alone.
      assert.deepEqual(mine(a, 'structure/title').map((f) => a.model.lineAt(f.range.start)).sort((x, y) => x - y), [l12, l13]);
    });

    it('3.3.4–3.3.7 nested one level too deep under 3.3.3; the fix re-indents only those lines', () => {
      const lines = ['3.3.4 чат', '3.3.5.', '3.3.6.', '3.3.7.'].map((s) => lineOf(a, s));
      const depth = mine(a, 'numbering/wrong-depth').filter((f) => f.message.includes('вложен'));
      assert.deepEqual(depth.map((f) => a.model.lineAt(f.range.start)), lines);
      const fixed = fixAll(a.text, 'numbering/wrong-depth');
      const before = a.text.split('\n');
      const after = fixed.split('\n');
      assert.equal(after.length, before.length);
      const changed = before.map((l, i) => (l === after[i] ? -1 : i)).filter((i) => i >= 0);
      const heading4 = lineOf(a, '**4. ПРАВА И ОБЯЗАННОСТИ');
      assert.deepEqual(changed, [...lines, heading4].sort((x, y) => x - y));
      for (const i of lines) assert.equal(after[i]!.trimStart(), before[i]!.trimStart());
      assert.equal(after[lines[0]!]!.indexOf('-'), before[lineOf(a, '3.3.3.')]!.indexOf('-'));
      assert.equal(after[heading4], '## **4. ПРАВА И ОБЯЗАННОСТИ УЧАСТНИКОВ ОБРАЗОВАТЕЛЬНЫХ ОТНОШЕНИЙ**');
      const again = service.analyzeText(fixed);
      assert.deepEqual(mine(again, 'numbering/wrong-depth').map((f) => f.message), []);
      // The clause numbers a lawyer reads do not change.
      const numbers = (x: DocumentAnalysis) => x.model.nodes.filter((n) => n.number && n.kind !== 'item').map((n) => n.number!.text);
      assert.deepEqual(numbers(again), numbers(a));
    });

    it('3.3.4 written without the trailing dot among dotted numbers', () => {
      const f = mine(a, 'numbering/trailing-dot');
      assert.deepEqual(f.map((x) => a.model.lineAt(x.range.start)), [lineOf(a, '3.3.4 чат')]);
      assert.equal(applyEdits(a.text, f[0]!.fixes![0]!.edits).split('\n')[lineOf(a, '3.3.4 чат')]!.trim(), '- 3.3.4. чат с учащимися своей группы;');
    });

    it('has every required section and element; the blank order number is information only', () => {
      assert.deepEqual(mine(a, 'structure/required-sections').map((f) => f.message), []);
      assert.deepEqual(mine(a, 'structure/required-elements').map((f) => f.message), []);
      assert.deepEqual(mine(a, 'numbering/duplicate').concat(mine(a, 'numbering/gap'), mine(a, 'numbering/outside-parent')).map((f) => f.message), []);
      const stamp = mine(a, 'structure/approval-stamp');
      assert.equal(stamp.length, 1);
      assert.equal(stamp[0]!.severity, 'information');
      assert.equal(a.model.lineAt(stamp[0]!.range.start), lineOf(a, 'Приказ №'));
    });
  });

  describe('sopk-max-2025.md (plain text, ends at section 3)', () => {
    const a = load('sopk-max-2025.md');

    it('no «Заключительные положения» section, reported on the title', () => {
      const f = mine(a, 'structure/required-sections');
      assert.deepEqual(f.map((x) => x.data?.['sectionId']), ['final']);
      assert.match(f[0]!.message, /Нет обязательного раздела «Заключительные положения»/);
      assert.equal(a.model.lineAt(f[0]!.range.start), lineOf(a, 'ПОЛОЖЕНИЕ'));
    });

    it('no entry into force (warning) and no councils\' opinion (information)', () => {
      const f = mine(a, 'structure/required-elements');
      assert.deepEqual(f.map((x) => [x.data?.['elementId'], x.severity]).sort(), [['councils-opinion', 'information'], ['entry-into-force', 'warning']]);
    });

    it('has a dated approval stamp, terms as clause 1.5 and consistent numbering', () => {
      for (const id of ['structure/approval-stamp', 'structure/title', 'structure/debris', 'numbering/duplicate', 'numbering/gap', 'numbering/outside-parent', 'numbering/wrong-depth', 'numbering/trailing-dot']) {
        assert.deepEqual(mine(a, id).map((f) => f.message), [], id);
      }
    });
  });

  describe('sosh14-sferum-2024.md (plain text without blank lines)', () => {
    const a = load('sosh14-sferum-2024.md');

    it('no approval stamp at all', () => {
      const f = mine(a, 'structure/approval-stamp');
      assert.equal(f.length, 1);
      assert.equal(f[0]!.severity, 'warning');
      assert.equal(a.model.lineAt(f[0]!.range.start), 0);
    });

    it('a Word bookmark before 3.2, deleted exactly', () => {
      const f = mine(a, 'structure/debris');
      assert.equal(f.length, 1);
      const line = lineOf(a, '[bookmark: _GoBack]');
      assert.equal(a.model.lineAt(f[0]!.range.start), line);
      const fixed = applyEdits(a.text, f[0]!.fixes![0]!.edits);
      assert.equal(fixed, a.text.replace('[bookmark: _GoBack]', ''));
    });

    it('no terms part; the other sections are there and numbered in order', () => {
      assert.deepEqual(mine(a, 'structure/required-sections').map((f) => f.data?.['sectionId']), ['terms']);
      assert.deepEqual(mine(a, 'structure/required-elements').map((f) => f.message), []);
      for (const id of ['numbering/duplicate', 'numbering/gap', 'numbering/outside-parent', 'numbering/wrong-depth', 'numbering/trailing-dot', 'structure/final-last', 'structure/title']) {
        assert.deepEqual(mine(a, id).map((f) => f.message), [], id);
      }
    });
  });
});
