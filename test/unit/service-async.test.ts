/**
 * `analyzeAsync`, the cooperative analysis the language server uses for large documents: the same
 * findings as the synchronous analysis, the event loop keeps running while it works, and a cancelled
 * run (a newer version arrived) is not cached.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRegulationService, type ITextDocument } from '../../server/src/service';
import { normalizeSettings } from '../../server/src/config';
import { SHARED_CORPUS } from '../helpers/fixtures';

const SETTINGS = normalizeSettings({ asOf: '2026-01-15' });

function largeDraft(): string {
  const draft = fs.readFileSync(path.join(SHARED_CORPUS, 'rpl-poryadok-2025.md'), 'utf8');
  let text = draft;
  while (text.length < 300_000) text += '\n' + draft;
  return text;
}

describe('service: analyzeAsync', function () {
  this.timeout(60_000);

  it('finds exactly what analyze finds, in the same order', async () => {
    const text = largeDraft();
    const doc: ITextDocument = { uri: 'file:///a.md', version: 1, getText: () => text };
    const sync = createRegulationService().analyze(doc, SETTINGS);
    const async = await createRegulationService().analyzeAsync(doc, SETTINGS);
    assert.ok(sync.findings.length > 100, `a large draft has findings (${sync.findings.length})`);
    assert.deepEqual(async.findings, sync.findings);
  });

  it('lets other work run while it analyses, and stops when cancelled without caching the result', async () => {
    const text = largeDraft();
    const service = createRegulationService();
    const doc: ITextDocument = { uri: 'file:///b.md', version: 1, getText: () => text };
    let cancel = false;
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
      cancel = true; // as when a newer version of the document arrives
    }, 1);
    const partial = await service.analyzeAsync(doc, SETTINGS, { get isCancellationRequested() { return cancel; } });
    clearInterval(timer);
    assert.ok(ticks > 0, 'the event loop ran during the analysis');
    const full = service.analyze(doc, SETTINGS);
    assert.notEqual(full, partial, 'the cancelled analysis was not cached');
    assert.ok(partial.findings.length < full.findings.length, `the cancelled run stopped early (${partial.findings.length} of ${full.findings.length})`);
    assert.equal(service.analyze(doc, SETTINGS), full, 'a completed analysis is cached');
  });
});
