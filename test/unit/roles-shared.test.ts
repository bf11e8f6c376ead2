/**
 * The three shared real drafts (issue 3 «Measured by»: every role defect listed in
 * regulations.md §7 is found): rpl — «классного руководителя» in a college and a «Преподаватель»
 * joining in the platform role «учитель»; sopk — a college act that says «Классный руководитель»
 * and «учитель-предметник»; sosh14 — a school act whose «муниципальным куратором ИКОП «Сферум»»
 * and platform role «учитель» are correct and must not be reported.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import rolesRules from '../../server/src/rules/roles';
import type { Finding } from '../../server/src/rules/types';
import { createRegulationService } from '../../server/src/service';
import { applyEdits } from '../../server/src/util/edits';
import { SHARED_CORPUS } from '../helpers/fixtures';

const service = createRegulationService({ rules: rolesRules });

function load(name: string): { text: string; findings: readonly Finding[]; lineOf(f: Finding): string } {
  const text = fs.readFileSync(path.join(SHARED_CORPUS, name), 'utf8');
  const a = service.analyzeText(text);
  const lines = text.split(/\r\n|\r|\n/);
  return { text, findings: a.findings, lineOf: (f) => lines[a.model.lineAt(f.range.start)]! };
}

/** The text a finding's preferred fix puts in place of its range. */
function fixed(text: string, f: Finding): string {
  const fix = f.fixes?.[0];
  assert.ok(fix, `no fix: ${f.message}`);
  const after = applyEdits(text, fix.edits);
  const e = fix.edits[0]!;
  return after.slice(e.start, e.start + e.newText.length);
}

describe('roles/* on the shared drafts', () => {
  it('rpl: «классного руководителя» in a college act → «куратора», on both lines', () => {
    const d = load('rpl-poryadok-2025.md');
    const hits = d.findings.filter((f) => f.ruleId === 'roles/institution-mismatch' && /классного руководителя/.test(d.text.slice(f.range.start, f.range.end)));
    assert.equal(hits.length, 2);
    for (const f of hits) {
      assert.equal(f.severity, 'warning');
      assert.equal(fixed(d.text, f), 'куратора');
    }
    assert.ok(hits.some((f) => d.lineOf(f).includes('присоединяется по ссылке-приглашению, полученной от классного руководителя')));
  });

  it('rpl: a «Преподаватель» joining in the platform role «учитель» is reported as information', () => {
    const d = load('rpl-poryadok-2025.md');
    const notes = d.findings.filter((f) => f.ruleId === 'roles/platform-role');
    const lines = d.text.split(/\r\n|\r|\n/).filter((l) => /(?:роли|статуса) «учитель»/.test(l));
    assert.equal(notes.length, lines.length);
    for (const f of notes) {
      assert.equal(f.severity, 'information');
      assert.equal(d.text.slice(f.range.start, f.range.end), 'учитель');
      assert.match(f.message, /колледжа.*«учитель».*роли на платформе/);
    }
  });

  it('sopk: «Классный руководитель», «учитель-предметник», «классного руководителя» in a college act', () => {
    const d = load('sopk-max-2025.md');
    const got = d.findings.filter((f) => f.ruleId === 'roles/institution-mismatch' && f.severity === 'warning')
      .map((f) => `${d.text.slice(f.range.start, f.range.end)} → ${fixed(d.text, f)}`);
    assert.deepEqual(got, [
      'классных руководителей → кураторов',
      'Классный руководитель → Куратор',
      'учитель-предметник → преподаватель',
      'классного руководителя → куратора',
    ]);
  });

  it('sosh14: a school act — no warning, no platform-role note, the municipal curator is not a group mentor', () => {
    const d = load('sosh14-sferum-2024.md');
    assert.deepEqual(d.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  });
});
