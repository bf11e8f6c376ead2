/**
 * The extension manifest and its declarative files: every contributed path exists, commands are
 * registered by the client, settings are per resource, the language configuration keeps clause
 * numbers and Russian words whole, the injection grammar finds clause numbers but not dates.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    languages: { id: string; configuration?: string; extensions?: string[] }[];
    grammars: { scopeName: string; path: string; injectTo?: string[]; language?: string }[];
    snippets: { language: string; path: string }[];
    jsonValidation: { fileMatch: string; url: string }[];
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { scope?: string; default?: unknown; type?: string | string[] }> };
  };
}

const pkg = JSON.parse(read('package.json')) as Manifest;

describe('extension manifest', () => {
  it('stays on the built-in markdown language (no new id, no claimed extensions) so the preview keeps working', () => {
    for (const lang of pkg.contributes.languages) {
      assert.equal(lang.id, 'markdown');
      assert.equal(lang.extensions, undefined);
    }
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown']);
  });

  it('every contributed file exists and is valid JSON', () => {
    const files = [
      ...pkg.contributes.languages.map((l) => l.configuration).filter((p): p is string => !!p),
      ...pkg.contributes.grammars.map((g) => g.path),
      ...pkg.contributes.snippets.map((s) => s.path),
      ...pkg.contributes.jsonValidation.map((j) => j.url),
    ];
    assert.ok(files.length >= 4);
    for (const f of files) assert.doesNotThrow(() => JSON.parse(read(f)), f);
  });

  it('commands are in the «Нормоконтроль» category and registered by the client', () => {
    const source = read('client/src/commands.ts');
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Нормоконтроль');
      assert.ok(source.includes(`'${c.command}'`), `${c.command} is not registered in client/src/commands.ts`);
    }
    assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), ['normokontrol.fixAll', 'normokontrol.restartServer', 'normokontrol.showOutput']);
  });

  it('settings are prefixed, per resource (trace aside) and have defaults', () => {
    for (const [key, p] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.match(key, /^normokontrol\./);
      assert.equal(p.scope, key === 'normokontrol.trace.server' ? 'window' : 'resource', key);
      assert.notEqual(p.default, undefined, key);
    }
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['normokontrol.include']?.default, ['**/*.reg.md']);
    assert.equal(props['normokontrol.fixAllOnSave']?.default, false);
  });
});

describe('language configuration (merged into markdown)', () => {
  const config = JSON.parse(read('language-configuration.json')) as {
    comments: { blockComment: [string, string] };
    autoClosingPairs: { open: string; close: string }[];
    surroundingPairs: [string, string][];
    wordPattern: { pattern: string; flags: string };
  };
  const words = (text: string): string[] => [...text.matchAll(new RegExp(config.wordPattern.pattern, config.wordPattern.flags))].map((m) => m[0]);

  it('keeps clause numbers whole', () => {
    assert.deepEqual(words('в соответствии с п. 1.2.3 и 4.10.'), ['в', 'соответствии', 'с', 'п', '1.2.3', 'и', '4.10']);
  });

  it('keeps Cyrillic and hyphenated words whole, without the quotes', () => {
    assert.deepEqual(words('ИКОП «Сферум», учебно-воспитательный процесс, ёлка'), ['ИКОП', 'Сферум', 'учебно-воспитательный', 'процесс', 'ёлка']);
  });

  it('comments are HTML comments; «» and „“ close and surround, Markdown pairs are kept', () => {
    assert.deepEqual(config.comments.blockComment, ['<!--', '-->']);
    const closing = config.autoClosingPairs.map((p) => p.open + p.close);
    for (const pair of ['«»', '„“', '()', '[]', '{}', '<>']) assert.ok(closing.includes(pair), pair);
    const surrounding = config.surroundingPairs.map((p) => p.join(''));
    for (const pair of ['«»', '„“', '**', '__', '``', '()', '[]']) assert.ok(surrounding.includes(pair), pair);
  });
});

describe('injection grammar', () => {
  const grammar = JSON.parse(read('grammar/regulation.injection.tmLanguage.json')) as {
    scopeName: string;
    repository: Record<string, { match?: string }>;
  };

  it('is the grammar package.json injects into Markdown', () => {
    const entry = pkg.contributes.grammars.find((g) => g.path.endsWith('regulation.injection.tmLanguage.json'));
    assert.equal(entry?.scopeName, grammar.scopeName);
    assert.deepEqual(entry?.injectTo, ['text.html.markdown']);
  });

  it('marks clause numbers at the start of a line, not dates', () => {
    const source = grammar.repository['clause-number']?.match;
    assert.ok(source);
    const re = new RegExp(source); // the pattern uses no Oniguruma-only syntax
    assert.equal(re.exec('1.2. Настоящее Положение')?.[1], '1.2.');
    assert.equal(re.exec('  3.4.1 подпункт')?.[1], '3.4.1');
    assert.equal(re.exec('01.09.2025 № 12'), null);
    assert.equal(re.exec('1. Общие положения'), null);
  });
});
