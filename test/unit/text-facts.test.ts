/**
 * Text facts made off the main thread (`service/textFacts.ts`, the CLI's model feed) change no
 * finding: an analysis given the model and facts of its text, cloned as between threads, reports
 * what it reports when it computes them itself; facts found with the built-in knowledge are not
 * used by an analysis whose settings add knowledge of their own.
 */
import * as assert from 'node:assert/strict';
import { normalizeSettings } from '../../server/src/config';
import { buildModel } from '../../server/src/model/clauseTree';
import { packModel, unpackModel } from '../../server/src/model/transfer';
import { createRegulationService, type PreparedText } from '../../server/src/service';
import { computeTextFacts } from '../../server/src/service/textFacts';
import { FIXTURES, SHARED_CORPUS, readMarkdownTree } from '../helpers/fixtures';

/** What the feed's worker sends for `text`, after the structured clone. */
function preparedFor(text: string): PreparedText {
  const model = buildModel(text);
  const facts = computeTextFacts(text, model);
  const packed = packModel(model);
  const sent = structuredClone({ packed, facts });
  return { model: unpackModel(text, sent.packed), facts: sent.facts };
}

const findingsOf = (f: { findings: readonly unknown[] }): string => JSON.stringify(f.findings);

describe('text facts made elsewhere', () => {
  const service = createRegulationService();
  const settings = normalizeSettings({ asOf: '2026-01-15' });

  it('give the same findings as facts computed in the analysis, on every fixture and shared draft', () => {
    const drafts = [...readMarkdownTree(FIXTURES), ...readMarkdownTree(SHARED_CORPUS)];
    assert.ok(drafts.length >= 150);
    let withFindings = 0;
    for (const [name, text] of drafts) {
      const alone = service.analyzeText(text, settings, 'file:///draft.md');
      const given = service.analyzeText(text, settings, 'file:///draft.md', preparedFor(text));
      assert.equal(findingsOf(given), findingsOf(alone), name);
      if (alone.findings.length > 0) withFindings++;
    }
    assert.ok(withFindings >= 100);
  });

  it('are not used where the settings change the knowledge they were found with', () => {
    const text = [
      '# ПОЛОЖЕНИЕ об использовании национального мессенджера MAX',
      '',
      'УТВЕРЖДЕНО приказом от 01.09.2025 № 12',
      '',
      '## 1. Общие положения',
      '',
      '1.1. Для связи с родителями служит VK Мессенджер.',
      '',
      '1.2. Связь ведётся в национальном мессенджере MAX.',
      '',
    ].join('\n');
    // A workspace historical marker makes the VK Мессенджер mention history, not a mix-up.
    const noHistory = normalizeSettings({ asOf: '2026-01-15', terms: { historicalMarkers: ['с\\s+родителями'] } });
    const builtin = service.analyzeText(text, settings, 'file:///a.md');
    const own = service.analyzeText(text, noHistory, 'file:///a.md');
    assert.notEqual(findingsOf(own), findingsOf(builtin), 'the knowledge override changes the findings');
    assert.equal(findingsOf(service.analyzeText(text, noHistory, 'file:///a.md', preparedFor(text))), findingsOf(own));
    assert.equal(findingsOf(service.analyzeText(text, settings, 'file:///a.md', preparedFor(text))), findingsOf(builtin));
  });
});
