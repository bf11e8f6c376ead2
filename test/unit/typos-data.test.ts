/**
 * The typography data (`server/data/typos.json`) carries its own test cases: every dictionary
 * typo's examples are found and fixed exactly, the fixed text is clean (a fixed point), and its
 * negatives are left alone; every prohibited action matches its examples and none of its
 * negatives. Both data files validate against their JSON schemas.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import typos from '../../server/data/typos.json';
import terms from '../../server/data/terms.json';
import { dataRegex, type ProhibitedAction, type TypoEntry } from '../../server/src/analysis/termsData';
import { findTypos } from '../../server/src/analysis/typos';
import { applyEdits } from '../../server/src/util/edits';

const ROOT = path.resolve(__dirname, '../../..');
const entries = (typos as unknown as { typos: TypoEntry[] }).typos;
const actions = (typos as unknown as { prohibitedActions: ProhibitedAction[] }).prohibitedActions;

describe('typos.json: dictionary entries and their own test cases', () => {
  it('has unique ids and at least 20 entries, each with examples and negatives', () => {
    const ids = entries.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(entries.length >= 20, `only ${entries.length} entries`);
    for (const e of entries) {
      assert.ok(e.examples && e.examples.length > 0, `${e.id}: no examples`);
      assert.ok(e.negative && e.negative.length > 0, `${e.id}: no negatives`);
      assert.ok(dataRegex(e.wrong, 'giu'), `${e.id}: invalid regular expression`);
    }
  });
  for (const e of entries) {
    describe(e.id, () => {
      for (const ex of e.examples ?? []) {
        it(`«${ex.text}» → «${ex.fixed}»`, () => {
          const hits = findTypos(ex.text, [e]);
          assert.equal(hits.length, 1, `expected one hit in «${ex.text}»`);
          const fixed = applyEdits(ex.text, hits.map((h) => h.edit));
          assert.equal(fixed, ex.fixed);
          assert.deepEqual(findTypos(fixed, entries).map((h) => h.entry.id), [], 'the fixed text is clean');
        });
      }
      for (const neg of e.negative ?? []) {
        it(`leaves «${neg}» alone`, () => {
          assert.deepEqual(findTypos(neg, [e]).map((h) => h.wrong), []);
        });
      }
    });
  }
});

describe('typos.json: prohibited actions', () => {
  for (const a of actions) {
    it(`${a.id} matches its examples and no negative`, () => {
      const re = dataRegex(`^(?:${a.pattern})`, 'iu');
      assert.ok(re, 'valid regular expression');
      for (const ex of a.examples ?? []) assert.ok(re.test(ex), `should match «${ex}»`);
      for (const neg of a.negative ?? []) assert.ok(!re.test(neg), `should not match «${neg}»`);
    });
  }
});

describe('data files validate against their schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const [name, data] of [['typos', typos], ['terms', terms]] as const) {
    it(`${name}.json`, () => {
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, `schemas/data/${name}.schema.json`), 'utf8')) as object;
      const validate = ajv.compile(schema);
      assert.ok(validate(data), JSON.stringify(validate.errors));
    });
  }
  it('the schema rejects a malformed entry', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/data/typos.schema.json'), 'utf8')) as object;
    assert.equal(new Ajv({ strict: false }).compile(schema)({ typos: [{ id: 'Bad Id', wrong: '' }] }), false);
  });
});
