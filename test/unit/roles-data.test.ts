/**
 * The roles data (server/data/roles.json) is valid against its schema and self-consistent: every
 * word has generated forms, every reference (default, variantOf, correction) names an existing
 * word, every regular expression compiles; a workspace override adds a word that the rules use.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { findWord } from '../../server/src/analysis/roleMentions';
import { rolesData } from '../../server/src/analysis/rolesData';
import { normalizeSettings } from '../../server/src/config';
import { paradigm } from '../../server/src/morph';
import rolesRules from '../../server/src/rules/roles';
import { createRegulationService } from '../../server/src/service';
import { joinLines } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const raw = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/data/roles.json'), 'utf8')) as unknown;
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/data/roles.schema.json'), 'utf8')) as object;

describe('roles data', () => {
  const data = rolesData(undefined);

  it('validates against schemas/data/roles.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(raw), ajv.errorsText(validate.errors));
    assert.equal(validate({ concepts: [{ id: 'x', words: [{ id: 'y', text: 'тьютор', kind: 'nowhere', phrase: 'p' }] }] }), false);
  });

  it('has generated forms for every word and non-existent role, with the same lemma', () => {
    for (const w of [...data.concepts.flatMap((c) => c.words), ...data.nonexistent]) {
      assert.ok(w.phrase, `${w.id}: built-in words name their phrase`);
      const p = paradigm(w.phrase);
      assert.ok(p, `${w.id}: no paradigm ${w.phrase} — add it to phrases.json and run npm run generate:forms`);
      assert.equal(p.lemma, w.text, w.id);
    }
  });

  it('references only existing words, with unique ids', () => {
    const ids = data.concepts.flatMap((c) => c.words.map((w) => w.id));
    assert.equal(new Set(ids).size, ids.length);
    for (const c of data.concepts) {
      for (const id of Object.values(c.default ?? {})) assert.ok(c.words.some((w) => w.id === id), `${c.id}.default ${id}`);
      for (const w of c.words) if (w.variantOf) assert.ok(c.words.some((x) => x.id === w.variantOf), `${w.id}.variantOf`);
    }
    for (const n of data.nonexistent) {
      const targets = typeof n.correction === 'string' ? [n.correction] : Object.values(n.correction);
      for (const t of targets) assert.ok(findWord(data, t!), `${n.id} → ${t}`);
    }
  });

  it('has regular expressions that compile', () => {
    const sources = [
      data.platformRoles.context,
      ...data.platformRoles.maxMarkers,
      ...data.institutionMarkers.school.map((m) => m.pattern),
      ...data.institutionMarkers.college.map((m) => m.pattern),
      ...data.concepts.flatMap((c) => c.words.flatMap((w) => [w.exclude?.before, w.exclude?.after].filter((x): x is string => !!x))),
    ];
    for (const s of sources) assert.doesNotThrow(() => new RegExp(s, 'iu'), s);
  });

  it('takes a word and a non-existent role from the workspace, with inline forms', () => {
    const settings = normalizeSettings({
      roles: {
        nonexistent: [{
          id: 'class-tutor', text: 'классный тьютор', correction: 'class-teacher',
          forms: { 'nomn,sing': 'классный тьютор', 'gent,sing': 'классного тьютора', 'datv,sing': 'классному тьютору' },
        }],
      },
    });
    const text = joinLines('УТВЕРЖДАЮ', '', 'Директор МБОУ «СОШ № 3»', '', 'ПОЛОЖЕНИЕ', 'об использовании ИКОП «Сферум»', '', '1. Общие положения', '', '1.1. Ссылку выдаёт классному тьютору администратор.');
    const service = createRegulationService({ rules: rolesRules });
    assert.deepEqual(service.analyzeText(text).findings, []);
    assert.equal(service.fixAll(text, settings).text, text.replace('классному тьютору', 'классному руководителю'));
  });
});
