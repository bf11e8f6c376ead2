/**
 * Data-driven rule tests: one mocha test per fixture. Asserts the exact set of the rule's
 * findings (line + rule), that every range is inside the text, that fixes are well-formed, that
 * fixing reaches the golden `.fixed.md` and a fixed point (no fixable finding of the rule left).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { normalizeSettings } from '../../server/src/config';
import { createRegulationService } from '../../server/src/service';
import { applyEdits, collectFixAllEdits } from '../../server/src/util/edits';
import { listRuleFixtures, readExpectations, readFixtureConfig } from '../helpers/fixtures';

const service = createRegulationService();

describe('rules by fixtures', () => {
  const cases = listRuleFixtures();
  it('has fixtures', () => assert.ok(cases.length > 0));
  for (const c of cases) {
    it(`${c.ruleId} — ${c.name}`, () => {
      const text = fs.readFileSync(c.file, 'utf8');
      const settings = normalizeSettings(readFixtureConfig(text));
      const analysis = service.analyzeText(text, settings, c.file);
      const mine = analysis.findings.filter((f) => f.ruleId === c.ruleId);
      for (const f of analysis.findings) {
        assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end, `range out of bounds: ${JSON.stringify(f)}`);
        assert.ok(f.message.length > 0 && !/\.$/.test(f.message), `message style: «${f.message}»`);
        for (const fix of f.fixes ?? []) applyEdits(text, fix.edits); // throws on malformed edits
      }
      const actual = mine.map((f) => `${analysis.model.lineAt(f.range.start) + 1}: ${f.ruleId}`).sort();
      const expected = readExpectations(text).filter((e) => e.ruleId === c.ruleId).map((e) => `${e.line + 1}: ${e.ruleId}`).sort();
      assert.deepEqual(actual, expected, mine.map((f) => `${analysis.model.lineAt(f.range.start) + 1}: ${f.message}`).join('\n'));

      if (fs.existsSync(c.fixedFile) || mine.some((f) => f.fixes?.some((x) => x.preferred !== false))) {
        let current = text;
        for (let round = 0; round < 10; round++) {
          const a = service.analyzeText(current, settings, c.file);
          const edits = collectFixAllEdits(a.findings.filter((f) => f.ruleId === c.ruleId));
          if (edits.length === 0) break;
          current = applyEdits(current, edits);
        }
        const after = service.analyzeText(current, settings, c.file).findings.filter((f) => f.ruleId === c.ruleId && f.fixes?.some((x) => x.preferred !== false));
        assert.deepEqual(after.map((f) => f.message), [], 'fixable findings remain after fixing');
        if (process.env['UPDATE_GOLDEN'] === '1') fs.writeFileSync(c.fixedFile, current);
        assert.ok(fs.existsSync(c.fixedFile), `missing golden ${c.fixedFile} (run with UPDATE_GOLDEN=1)`);
        assert.equal(current, fs.readFileSync(c.fixedFile, 'utf8'));
      }
    });
  }
});
