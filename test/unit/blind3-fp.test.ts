/**
 * False-positive hunt (issues 3, 4, 5 «Measured by»: zero warnings and errors on clean drafts):
 * five drafts in `test/fixtures/drafts/blind3-fp/` full of legitimate text that resembles
 * defects — the ordinary word «мах» («одним махом», «мах маятника») and the physicist's name
 * («числе Маха»), «сфера образования», «Сфера действия», «Сферум» in every case, MAX in every
 * context, brand names (Skype for Business, Zoom, Яндекс Телемост, VK ID, RuStore, Wi-Fi, e-mail,
 * COVID-19, QR-код, PDF), URLs and e-mails, historical VK Мессенджер mentions in MAX acts, quoted
 * platform roles and the chat «Учительская», «куратор проекта» / «муниципальный куратор» in a
 * school act, negative obligations («не допускать», «воздерживаться от», «исключить», «исключая
 * распространение противоправной информации»), prohibition lists, introduced abbreviations,
 * references to existing clauses, dates and article references in many forms.
 *
 * Each draft, checked with ALL rules as of 2026-01-15, has no warning or error, and fix-all
 * leaves it unchanged (information hints are allowed).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings } from '../../server/src/config';
import { createRegulationService } from '../../server/src/service';
import { FIXTURES } from '../helpers/fixtures';

const service = createRegulationService();
const SETTINGS = normalizeSettings({ asOf: '2026-01-15' });
const DIR = path.join(FIXTURES, 'drafts', 'blind3-fp');

describe('blind3 false positives: clean drafts that resemble defects', () => {
  const names = fs.readdirSync(DIR).filter((n) => n.endsWith('.md')).sort();

  it('has five drafts', () => {
    assert.equal(names.length, 5);
  });

  for (const name of names) {
    it(`${name}: no warning or error, fix-all changes nothing`, () => {
      const text = fs.readFileSync(path.join(DIR, name), 'utf8');
      const a = service.analyzeText(text, SETTINGS);
      const bad = a.findings
        .filter((f) => f.severity === 'warning' || f.severity === 'error')
        .map((f) => `${a.model.lineAt(f.range.start) + 1} ${f.ruleId}: ${f.message}`);
      assert.deepEqual(bad, []);
      assert.equal(service.fixAll(text, SETTINGS).text, text);
    });
  }
});
