/**
 * The three shared drafts (`../shared/corpus/`): every defect of the terms and text families
 * listed in regulations.md §7 is found, lines are located by their content (not by number), and
 * fixing with these rules removes the defects without touching correct text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectPlatform } from '../../server/src/analysis/platform';
import { normalizeSettings } from '../../server/src/config';
import termsRules from '../../server/src/rules/terms';
import textRules from '../../server/src/rules/text';
import type { Finding } from '../../server/src/rules/types';
import { createRegulationService, type DocumentAnalysis } from '../../server/src/service';
import { applyEdits, collectFixAllEdits } from '../../server/src/util/edits';
import { SHARED_CORPUS } from '../helpers/fixtures';

const service = createRegulationService({ rules: [...termsRules, ...textRules] });
const SETTINGS = normalizeSettings({ asOf: '2025-11-01' });
const CYRILLIC_MAX = '\u041C\u0410\u0425';

function load(name: string): { text: string; a: DocumentAnalysis; lines: string[] } {
  const text = fs.readFileSync(path.join(SHARED_CORPUS, name), 'utf8');
  return { text, a: service.analyzeText(text, SETTINGS), lines: text.split(/\r\n|\r|\n/) };
}

/** 0-based indices of the lines containing `needle`. */
function linesWith(lines: string[], needle: string | RegExp): number[] {
  return lines.flatMap((l, i) => ((typeof needle === 'string' ? l.includes(needle) : needle.test(l)) ? [i] : []));
}

function onLine(a: DocumentAnalysis, ruleId: string | RegExp, line: number): Finding[] {
  return a.findings.filter((f) => (typeof ruleId === 'string' ? f.ruleId === ruleId : ruleId.test(f.ruleId)) && a.model.lineAt(f.range.start) === line);
}

function fixed(text: string): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const edits = collectFixAllEdits(service.analyzeText(current, SETTINGS).findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return current;
}

describe('terms/text on the shared drafts (regulations.md §7)', function () {
  this.timeout(30000);
  describe('sopk-max-2025.md', () => {
    const { text, a, lines } = load('sopk-max-2025.md');
    it('is an act about MAX', () => assert.equal(detectPlatform(a.model, text).platform, 'max'));
    it('flags «Сфера» on every line that has it', () => {
      const at = linesWith(lines, '«Сфера»');
      assert.ok(at.length >= 2);
      for (const i of at) assert.ok(onLine(a, 'terms/canonical-spelling', i).some((f) => /Сферум/.test(f.message)), `line ${i + 1}`);
    });
    it('flags the Cyrillic МАХ on at least 80% of the lines containing it', () => {
      const at = linesWith(lines, CYRILLIC_MAX);
      assert.ok(at.length >= 5);
      const flagged = at.filter((i) => onLine(a, 'terms/canonical-spelling', i).length > 0);
      assert.ok(flagged.length / at.length >= 0.8, `${flagged.length} of ${at.length}`);
    });
    it('does not flag the Latin MAX lines', () => {
      for (const i of linesWith(lines, /(?<![\p{L}])MAX(?![\p{L}])/u).filter((i) => !lines[i]!.includes(CYRILLIC_MAX))) {
        assert.deepEqual(onLine(a, 'terms/canonical-spelling', i).map((f) => f.message), [], `line ${i + 1}`);
      }
    });
    it('finds «безвоздушной основе» and «запущенном образовательном пространстве»', () => {
      for (const [needle, right] of [['безвоздушной', 'безвозмездной'], ['запущенном', 'защищенном']] as const) {
        const [i] = linesWith(lines, needle);
        assert.ok(i !== undefined);
        assert.ok(onLine(a, 'text/typo', i).some((f) => f.message.includes(right)), needle);
      }
    });
    it('fixing leaves no Cyrillic МАХ, no «Сфера», and keeps correct addresses', () => {
      const out = fixed(text);
      assert.ok(!out.includes(CYRILLIC_MAX));
      assert.ok(!out.includes('«Сфера»'));
      assert.ok(out.includes('на безвозмездной основе') && out.includes('в едином и защищенном образовательном пространстве'));
      assert.equal(out.split('info@sferum.ru').length, text.split('info@sferum.ru').length);
      assert.ok(out.includes('prof-sferum.ru'));
    });
  });

  describe('sosh14-sferum-2024.md', () => {
    const { text, a, lines } = load('sosh14-sferum-2024.md');
    it('finds «образовательной длительности»', () => {
      const [i] = linesWith(lines, 'образовательной длительности');
      assert.ok(onLine(a, 'text/typo', i!).some((f) => f.message.includes('деятельности')));
    });
    it('finds the missing «не» in «обязаны: … осуществлять незаконный сбор»', () => {
      const [i] = linesWith(lines, /^· осуществлять незаконный сбор/u);
      const f = onLine(a, 'text/missing-negation', i!);
      assert.equal(f.length, 1);
      assert.equal(applyEdits(text, f[0]!.fixes![0]!.edits).split(/\n/)[i!], '· не осуществлять незаконный сбор и обработку персональных данных других лиц;');
    });
    it('reports no other missing «не» (items that already have it are correct)', () => {
      assert.equal(a.findings.filter((f) => f.ruleId === 'text/missing-negation').length, 1);
    });
    it('reports that the national messenger is never named', () => {
      const f = a.findings.filter((x) => x.ruleId === 'terms/platform-unnamed');
      assert.equal(f.length, 1);
      assert.ok(/национальн/i.test(text.slice(f[0]!.range.start, f[0]!.range.end)));
    });
    it('finds «посредствам» and every «в соответствие с»', () => {
      for (const i of linesWith(lines, /посредствам|в соответствие с/u)) assert.ok(onLine(a, 'text/typo', i).length > 0, `line ${i + 1}`);
    });
  });

  describe('rpl-poryadok-2025.md', () => {
    const { text, a, lines } = load('rpl-poryadok-2025.md');
    it('is an act about MAX', () => assert.equal(detectPlatform(a.model, text).platform, 'max'));
    it('flags every «Сферум в МАХ»', () => {
      for (const i of linesWith(lines, 'Сферум в МАХ')) {
        assert.ok(onLine(a, 'terms/canonical-spelling', i).some((f) => f.message.includes('Сферум в МАХ')), `line ${i + 1}`);
      }
    });
    it('flags every VK Мессенджер mention as a mix-up (definition, heading, instructions)', () => {
      const at = linesWith(lines, /VK[- ]\s*мессенджер|VK Мессенджер|VK-МЕССЕНДЖЕР/u);
      assert.ok(at.length >= 8);
      for (const i of at) assert.ok(onLine(a, 'terms/platform-mixup', i).length > 0, `line ${i + 1}: ${lines[i]}`);
      const [profile] = linesWith(lines, 'Учебный профиль VK-мессенджер');
      assert.ok(onLine(a, 'terms/platform-mixup', profile!).length > 0);
    });
    it('finds «видеoinформацией» on every line', () => {
      const at = linesWith(lines, 'видеoinформацией');
      assert.ok(at.length >= 4);
      for (const i of at) assert.ok(onLine(a, /^text\/(typo|mixed-script)$/, i).length > 0, `line ${i + 1}`);
    });
    it('finds «Slcype», «организывает», «информационнотехнологическое»', () => {
      for (const needle of ['Slcype', 'организывает', 'информационнотехнологическое']) {
        const [i] = linesWith(lines, needle);
        assert.ok(onLine(a, 'text/typo', i!).length > 0, needle);
      }
    });
    it('fixes support@max.ni in both the link text and the mailto address with one fix', () => {
      const [i] = linesWith(lines, 'support@max.ni');
      const f = onLine(a, 'terms/canonical-spelling', i!).find((x) => x.message.includes('max.ni'));
      assert.ok(f);
      assert.equal(f.fixes![0]!.edits.length, 2);
      assert.ok(applyEdits(text, f.fixes![0]!.edits).includes('[support@max.ru](mailto:support@max.ru)'));
    });
    it('does not flag the prohibitions under «запрещается:» as missing «не»', () => {
      assert.deepEqual(a.findings.filter((f) => f.ruleId === 'text/missing-negation').map((f) => f.message), []);
    });
    it('fixing converts the act to canonical MAX wording', () => {
      const out = fixed(text);
      assert.ok(!out.includes(CYRILLIC_MAX));
      assert.ok(!/VK[- ]\s*мессенджер/iu.test(out));
      assert.ok(out.includes('ИКОП «Сферум»') && !out.includes('Сферум в'));
      assert.ok(out.includes('видеоинформацией') && !out.includes('видеoinформацией'));
      assert.ok(out.includes('Skype for Business'));
    });
  });
});
