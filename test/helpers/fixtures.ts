/**
 * Fixture corpus with inline markers. A fixture is `test/fixtures/rules/<family>/<name>/<case>.md`;
 * a line `<!-- ^ rule/id rule/id -->` says the nearest text line above it (not blank, not a marker)
 * carries one finding of each listed rule. Only findings of the fixture's own rule are compared.
 * An optional first-line comment `<!-- normokontrol-config {...} -->` holds settings for the case.
 * `<case>.fixed.md` is the golden text after applying the rule's fixes until a fixed point.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
export const SHARED_CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

/** An expected finding: 0-based line and rule id. */
export interface Expectation {
  readonly line: number;
  readonly ruleId: string;
}

const MARKER = /^\s*<!--\s*\^\s*([^>]*?)\s*-->\s*$/;
const CONFIG = /<!--\s*normokontrol-config\s+(\{[\s\S]*?\})\s*-->/;

/** Reads markers from a fixture text. */
export function readExpectations(text: string): Expectation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Expectation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]!);
    if (!m) continue;
    let target = i - 1;
    while (target >= 0 && (lines[target]!.trim() === '' || MARKER.test(lines[target]!))) target--;
    for (const id of m[1]!.split(/\s+/).filter(Boolean)) out.push({ line: target, ruleId: id });
  }
  return out;
}

/** Reads the per-fixture settings comment, if any. */
export function readFixtureConfig(text: string): unknown {
  const m = CONFIG.exec(text);
  return m ? JSON.parse(m[1]!) : {};
}

/** A fixture case. */
export interface FixtureCase {
  readonly ruleId: string;
  readonly name: string;
  readonly file: string;
  readonly fixedFile: string;
}

/** Lists rule fixtures: `<family>/<name>/<case>.md` (golden `.fixed.md` files excluded). */
export function listRuleFixtures(): FixtureCase[] {
  const root = path.join(FIXTURES, 'rules');
  const out: FixtureCase[] = [];
  if (!fs.existsSync(root)) return out;
  for (const family of fs.readdirSync(root).sort()) {
    const fdir = path.join(root, family);
    if (!fs.statSync(fdir).isDirectory()) continue;
    for (const name of fs.readdirSync(fdir).sort()) {
      const rdir = path.join(fdir, name);
      if (!fs.statSync(rdir).isDirectory()) continue;
      for (const file of fs.readdirSync(rdir).sort()) {
        if (!file.endsWith('.md') || file.endsWith('.fixed.md')) continue;
        out.push({
          ruleId: `${family}/${name}`,
          name: file.replace(/\.md$/, ''),
          file: path.join(rdir, file),
          fixedFile: path.join(rdir, file.replace(/\.md$/, '.fixed.md')),
        });
      }
    }
  }
  return out;
}

/** Joins lines with `\n` (documents in tests). */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/**
 * Every `.md` file under `dir` (recursively, sorted), as `[path relative to test/, text]`;
 * a missing folder gives nothing.
 */
export function readMarkdownTree(dir: string, include: (name: string) => boolean = (n) => n.endsWith('.md')): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (include(name)) out.push([path.relative(path.dirname(FIXTURES), p), fs.readFileSync(p, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}
