/**
 * Institution kind detection (analysis/institution.ts): the shared drafts and the clean drafts
 * are classified as their stamps and titles say; weak markers (a body full of «Лицея», «Моя
 * школа» in a citation) do not outvote the name of the institution; a setting overrides.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectInstitution } from '../../server/src/analysis/institution';
import { buildModel } from '../../server/src/model/clauseTree';
import { parseMarkdown } from '../../server/src/syntax/parse';
import { normalizeSettings } from '../../server/src/config';
import rolesRules from '../../server/src/rules/roles';
import { createRegulationService } from '../../server/src/service';
import { FIXTURES, joinLines, SHARED_CORPUS } from '../helpers/fixtures';

function detect(text: string, configured?: unknown) {
  const { tree } = parseMarkdown(text);
  return detectInstitution(buildModel(text, tree), text, undefined, configured);
}

function act(stamp: string, title: string, ...body: string[]): string {
  return joinLines('УТВЕРЖДАЮ', '', stamp, '', '«01» 09 2025 г.', '', 'ПОЛОЖЕНИЕ', title, '', '1. Общие положения', '', ...body);
}

describe('institution kind', () => {
  it('classifies the shared drafts with evidence from their stamps and titles', () => {
    const cases: [string, string, RegExp][] = [
      ['sopk-max-2025.md', 'college', /ГАПОУ/],
      ['rpl-poryadok-2025.md', 'college', /ГБПОУ|ПОЛИТЕХНИЧЕСКИЙ ЛИЦЕЙ/i],
      ['sosh14-sferum-2024.md', 'school', /МАОУ|СОШ/],
    ];
    for (const [name, kind, evidence] of cases) {
      const text = fs.readFileSync(path.join(SHARED_CORPUS, name), 'utf8');
      const r = detect(text);
      assert.equal(r.kind, kind, `${name}: ${JSON.stringify(r.scores)}`);
      assert.ok(r.evidence.some((e) => evidence.test(text.slice(e.start, e.end))), name);
    }
  });

  it('classifies the clean drafts as their names say', () => {
    const dir = path.join(FIXTURES, 'drafts', 'clean');
    let checked = 0;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.md'))) {
      const expected = /^(college|technikum)/.test(f) ? 'college' : /^(school|gymnasium|liceum)/.test(f) ? 'school' : undefined;
      if (!expected) continue;
      checked++;
      assert.equal(detect(fs.readFileSync(path.join(dir, f), 'utf8')).kind, expected, f);
    }
    assert.ok(checked >= 6);
  });

  it('tells a general lyceum from a polytechnic one', () => {
    assert.equal(detect(act('Директор МБОУ «Лицей № 2»', 'об использовании ИКОП «Сферум»', '1.1. Лицей использует ИКОП «Сферум».')).kind, 'school');
    assert.equal(detect(act('Директор ГБПОУ «Политехнический лицей»', 'об использовании ИКОП «Сферум»', '1.1. Лицей использует ИКОП «Сферум».')).kind, 'college');
    assert.equal(detect(act('Директор', 'об использовании ИКОП «Сферум» в «Аграрном лицее»', '1.1. Лицей использует ИКОП «Сферум».')).kind, 'college');
  });

  it('is unknown without markers, and «Моя школа» alone is not a school', () => {
    const r = detect(act('Директор', 'об использовании ИКОП «Сферум» (наименование организации)', '1.1. Организация подключена к ФГИС «Моя школа».'));
    assert.equal(r.kind, 'unknown');
  });

  it('follows the «institution» setting of the roles family', () => {
    const text = act('Директор', 'об использовании ИКОП «Сферум»', '1.1. Куратор создаёт чат.', '1.2. Куратор добавляет обучающихся.');
    assert.equal(detect(text, 'school').kind, 'school');
    const service = createRegulationService({ rules: rolesRules });
    assert.deepEqual(service.analyzeText(text).findings.map((f) => f.ruleId), []);
    const settings = normalizeSettings({ rules: { roles: { institution: 'school' } } });
    const found = service.analyzeText(text, settings).findings.filter((f) => f.ruleId === 'roles/institution-mismatch');
    assert.equal(found.length, 2);
    assert.equal(service.fixAll(text, settings).text, text.replace(/Куратор/g, 'Классный руководитель'));
  });
});
