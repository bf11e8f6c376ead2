/**
 * Meta-tests on the rule registry: ids, files, registration, docs, fixtures, and the generated
 * artefacts (package.json setting, README table, docs pages, `.normokontrol.json` schema) being in
 * sync with the metadata — i.e. `npm run generate` would change nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { allRules } from '../../server/src/rules';
import type { Rule } from '../../server/src/rules/types';
import { FIXTURES } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const RULES_SRC = path.join(ROOT, 'server/src/rules');
const RULES_OUT = path.join(ROOT, 'out/server/src/rules');
const FAMILIES = ['structure', 'numbering', 'roles', 'terms', 'legal', 'text'];

interface PlannedFile { readonly path: string; readonly content: string | null }
interface Generator {
  plan(root?: string): PlannedFile[];
  drift(root?: string, files?: PlannedFile[]): PlannedFile[];
  configFileSchema(meta: unknown): object;
  loadMeta(root?: string): unknown;
}

async function loadGenerator(): Promise<Generator> {
  return (await import(pathToFileURL(path.join(ROOT, 'scripts/generate.mjs')).href)) as Generator;
}

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && typeof (value as Rule).id === 'string' && typeof (value as Rule).check === 'function';
}

/** Rule-like default exports of every `<family>/<name>.ts` (helpers without one are skipped). */
function ruleFiles(): { family: string; name: string; rule: Rule }[] {
  const out: { family: string; name: string; rule: Rule }[] = [];
  for (const family of fs.readdirSync(RULES_SRC)) {
    const dir = path.join(RULES_SRC, family);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts') || file === 'index.ts') continue;
      const name = file.replace(/\.ts$/, '');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(RULES_OUT, family, `${name}.js`)) as { default?: unknown };
      if (isRule(mod.default)) out.push({ family, name, rule: mod.default });
    }
  }
  return out;
}

function fixtureCases(id: string): string[] {
  const dir = path.join(FIXTURES, 'rules', id);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
}

describe('rule metadata', () => {
  it('has rules', () => assert.ok(allRules.length > 0));

  it('ids are unique', () => {
    const seen = new Set<string>();
    const dups = allRules.map((r) => r.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    assert.deepEqual(dups, []);
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      const [family, name] = rule.id.split('/') as [string, string | undefined];

      it('id is <family>/<kebab-name> with a known family', () => {
        assert.match(rule.id, /^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
        assert.ok(FAMILIES.includes(family), `unknown family ${family}`);
      });

      it('lives in server/src/rules/<id>.ts, opening with the TSDoc block What/Why/Options/Fix', () => {
        const file = path.join(RULES_SRC, `${rule.id}.ts`);
        assert.ok(fs.existsSync(file), `missing ${path.relative(ROOT, file)}`);
        const doc = /^\s*\/\*\*([\s\S]*?)\*\//.exec(fs.readFileSync(file, 'utf8'))?.[1] ?? '';
        for (const label of ['What it checks', 'Why', 'Options', 'Fix']) assert.ok(doc.includes(`${label}:`), `TSDoc lacks «${label}:»`);
      });

      it('is registered in its family index', () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const index = require(path.join(RULES_OUT, family, 'index.js')) as { default: readonly Rule[] };
        assert.ok(index.default.includes(rule), `${family}/index.ts does not list ${name}`);
      });

      it('has a Russian one-line description and a valid default severity', () => {
        assert.match(rule.description, /[А-Яа-яЁё]/);
        assert.ok(!/\n/.test(rule.description) && !/\.$/.test(rule.description), rule.description);
        assert.ok(['off', 'hint', 'information', 'warning', 'error'].includes(rule.defaultSeverity));
      });

      it('has a docs page', () => {
        assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`)), `missing docs/rules/${rule.id}.md (npm run generate)`);
      });

      it('has ok and not-ok fixtures', () => {
        const cases = fixtureCases(rule.id).filter((f) => !f.endsWith('.fixed.md'));
        assert.ok(cases.some((f) => /^ok.*\.md$/.test(f)), `no test/fixtures/rules/${rule.id}/ok*.md`);
        assert.ok(cases.some((f) => /^not-ok.*\.md$/.test(f)), `no test/fixtures/rules/${rule.id}/not-ok*.md`);
      });

      if (rule.fixable) {
        it('being fixable, has a golden .fixed.md', () => {
          assert.ok(fixtureCases(rule.id).some((f) => f.endsWith('.fixed.md')), `no test/fixtures/rules/${rule.id}/*.fixed.md`);
        });
      }
    });
  }

  it('every rule file is registered, under the id of its path', () => {
    const registered = new Set(allRules);
    for (const { family, name, rule } of ruleFiles()) {
      assert.equal(rule.id, `${family}/${name}`, `server/src/rules/${family}/${name}.ts exports id ${rule.id}`);
      assert.ok(registered.has(rule), `${rule.id} is not in the registry (add it to ${family}/index.ts)`);
    }
  });

  it('every fixture folder belongs to a registered rule', () => {
    const ids = new Set(allRules.map((r) => r.id));
    const root = path.join(FIXTURES, 'rules');
    const orphans: string[] = [];
    for (const family of fs.readdirSync(root)) {
      if (!fs.statSync(path.join(root, family)).isDirectory()) continue;
      for (const name of fs.readdirSync(path.join(root, family))) if (!ids.has(`${family}/${name}`)) orphans.push(`${family}/${name}`);
    }
    assert.deepEqual(orphans, []);
  });
});

describe('generated files', () => {
  let generator: Generator;
  before(async () => {
    generator = await loadGenerator();
  });

  it('package.json settings, README table, docs pages and the schema match the rule metadata', () => {
    const stale = generator.drift(ROOT).map((f) => `${f.path}${f.content === null ? ' (should be deleted)' : ''}`);
    assert.deepEqual(stale, [], 'run `npm run generate`');
  });

  it('package.json offers a setting for every rule and every family', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } };
    };
    const keys = Object.keys(pkg.contributes.configuration.properties['normokontrol.rules']?.properties ?? {});
    for (const id of [...FAMILIES, ...allRules.map((r) => r.id)]) assert.ok(keys.includes(id), `no setting for ${id}`);
  });

  describe('.normokontrol.json schema', () => {
    const schemaFile = path.join(ROOT, 'schemas/normokontrol.schema.json');
    let validate: (data: unknown) => boolean;
    before(() => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
    });
    const someRule = (): Rule => allRules.find((r) => r.options && Object.keys(r.options).length > 0) ?? allRules[0]!;

    it('accepts severities per rule and per family, a rule object with options, a date', () => {
      const rule = someRule();
      assert.ok(validate({ $schema: './schemas/normokontrol.schema.json', rules: { [rule.id]: 'warning', numbering: 'off' }, asOf: '2025-09-01' }));
      assert.ok(validate({ rules: { [rule.id]: { severity: 'error', ...(rule.options ?? {}) } } }));
    });

    it('rejects an unknown rule id, an unknown severity, an unknown option and a malformed date', () => {
      const rule = someRule();
      assert.equal(validate({ rules: { 'numbering/no-such-rule': 'error' } }), false);
      assert.equal(validate({ rules: { [rule.id]: 'loud' } }), false);
      assert.equal(validate({ rules: { [rule.id]: { severity: 'error', noSuchOption: 1 } } }), false);
      assert.equal(validate({ asOf: '01.09.2025' }), false);
      assert.equal(validate({ rulez: {} }), false);
    });
  });
});
