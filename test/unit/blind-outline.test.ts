/**
 * Second blind validation of the clause tree (issue 2: «on real drafts this project has never
 * seen, `outline --format json` gives exactly the clause numbers a lawyer reads, duplicates
 * included» and «`check` never exits above 1»). `test/fixtures/parser/blind2/` holds twelve drafts
 * imitating conversions the other fixtures lack: pandoc DOCX output (escapes, split emphasis,
 * grid-table stamps, footnotes), PDF text hard-wrapped at ~80 characters (numbers that are not
 * clauses at line starts, form feeds, page numbers), hyphenated breaks, `Раздел IV` / `2.` alone on
 * a line with the title below, a table of contents, appendix headings, a final section without
 * clauses, duplicates and gaps, lettered sub-items `3.1.а)`, clauses in blockquotes, `1.1)`,
 * `1. 2.` with spaces. Each `<name>.expected.json` was written by hand before the parser ran.
 *
 * Decisions a lawyer would make, kept here:
 * - a table of contents (`Оглавление` / `Содержание` with page numbers, or a run of dot-leader
 *   entries) lists the headings; its numbers are not clauses and are left out of the outline;
 * - `3.1.а)` is подпункт «а» of clause 3.1, an unnumbered item like `а)`, not clause 3.1 again;
 * - `1.1)` is clause 1.1; a lone `1)` stays a list item; `1. 2.` and `1 .3.` are clauses 1.2, 1.3;
 * - a number at a line start that continues a reference (`… в п.` / `2.3 настоящего Положения`)
 *   is not a clause;
 * - an appendix caption counts with its number, as in `test/fixtures/parser/09-appendices`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readClauseNumber } from '../../server/src/model/clauseNumber';
import { buildModel } from '../../server/src/model/clauseTree';
import { buildOutline, type OutlineNode } from '../../server/src/service/outline';
import { FIXTURES } from '../helpers/fixtures';
import { assertModelInvariants } from '../helpers/modelInvariants';

const DIR = path.join(FIXTURES, 'parser', 'blind2');
const BIN = path.resolve(__dirname, '../../../bin/normokontrol.js');

function outlineNumbers(nodes: readonly OutlineNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.number !== undefined) out.push(n.number);
    outlineNumbers(n.children, out);
  }
  return out;
}

const numbersOf = (text: string): string[] => outlineNumbers(buildOutline(buildModel(text)));

const drafts = fs.readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
const expected = (f: string): string[] =>
  (JSON.parse(fs.readFileSync(path.join(DIR, f.replace(/\.md$/, '.expected.json')), 'utf8')) as { numbers: string[] }).numbers;

describe('blind drafts 2: the outline gives the numbers a lawyer reads', () => {
  it('has twelve drafts, each with hand-written numbers', () => {
    assert.equal(drafts.length, 12);
    for (const f of drafts) assert.ok(expected(f).length > 0, f);
  });

  for (const f of drafts) {
    it(f, () => {
      const model = buildModel(fs.readFileSync(path.join(DIR, f), 'utf8'));
      assertModelInvariants(model);
      assert.deepEqual(outlineNumbers(buildOutline(model)), expected(f));
    });
  }

  it('through the CLI: `outline --format json` gives the same numbers and `check` exits 0 or 1', function () {
    this.timeout(120_000);
    const files = drafts.map((f) => path.join(DIR, f));
    const outline = spawnSync(process.execPath, [BIN, 'outline', '--format', 'json', ...files], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(outline.status, 0, outline.stderr);
    const json = JSON.parse(outline.stdout) as { files: Array<{ path: string; outline: OutlineNode[] }> };
    assert.equal(json.files.length, drafts.length);
    for (const [k, f] of drafts.entries()) assert.deepEqual(outlineNumbers(json.files[k]!.outline), expected(f), f);
    const check = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--as-of', '2026-01-15', ...files], { encoding: 'utf8', timeout: 60_000 });
    assert.ok(check.status === 0 || check.status === 1, `check exited ${check.status}: ${check.stderr}`);
    assert.equal((JSON.parse(check.stdout) as { files: unknown[] }).files.length, drafts.length);
  });
});

describe('clause numbers as conversions write them', () => {
  it('reads `1. 2.` and `1 .3.` (spaces from PDF extraction) as one number whose range holds it', () => {
    const n = readClauseNumber('1. 2. Положение разработано', 10)!;
    assert.equal(n.text, '1.2');
    assert.equal(n.trailingDot, true);
    assert.deepEqual(n.range, { start: 10, end: 15 });
    assert.equal(readClauseNumber('1 .3. Положение принимается', 0)?.text, '1.3');
    assert.equal(readClauseNumber('2.3 .\tУчитель', 0)?.text, '2.3');
  });

  it('keeps `1. 2 класса`, `1. 2. ученики` and spaced dates out of spaced numbers', () => {
    assert.equal(readClauseNumber('1. 2 класса получают', 0)?.text, '1');
    assert.equal(readClauseNumber('1. 2. ученики', 0)?.text, '1');
    assert.equal(readClauseNumber('01. 09. 2025 Приказ', 0), undefined);
  });

  it('reads `1.1)` as clause 1.1 but not a lone `1)` nor a lettered sub-item `3.1.а)`', () => {
    assert.deepEqual(readClauseNumber('1.1) Положение определяет', 0)?.parts, [1, 1]);
    assert.equal(readClauseNumber('1) регистрирует', 0), undefined);
    assert.equal(readClauseNumber('3.1.а) получать консультации', 0), undefined);
    assert.equal(readClauseNumber('3.1.б) пользоваться', 0), undefined);
  });
});

describe('clause tree: layouts of converted drafts', () => {
  const head = 'ПОЛОЖЕНИЕ\nоб использовании ИКОП «Сферум»\n\n';

  it('leaves a table of contents out of the tree, and its appendix entry opens no appendix', () => {
    const text = head + 'Содержание\n\n1. Общие положения\t2\n2. Заключительные положения\t3\nПриложение 1. Форма заявления\t4\n\n' +
      '1. Общие положения\n\n1.1. Положение определяет порядок работы.\n\n2. Заключительные положения\n\n2.1. Положение вступает в силу с 01.09.2025.\n';
    const model = buildModel(text);
    assert.deepEqual(outlineNumbers(buildOutline(model)), ['1', '1.1', '2', '2.1']);
    assert.equal(model.appendices.length, 0);
  });

  it('leaves out a run of dot-leader entries without a heading, with an entry wrapped over two lines', () => {
    const text = head + '1. Общие положения ........ 2\n2. Организация работы участников образовательных\nотношений ........ 3\n\n' +
      '1. Общие положения\n\n1.1. Текст.\n\n2. Организация работы\n\n2.1. Текст.\n';
    assert.deepEqual(numbersOf(text), ['1', '1.1', '2', '2.1']);
  });

  it('keeps a section titled «Содержание работы» and a clause ending in a number', () => {
    const text = head + '1. Содержание работы\n\n1.1. Учитель размещает задания в чате не позднее  18\n\n1.2. Текст.\n';
    assert.deepEqual(numbersOf(text), ['1', '1.1', '1.2']);
  });

  it('takes the title of `2.` / `Раздел IV` alone on a line from the next line', () => {
    const sectionsOf = (text: string): Array<[string | undefined, string]> => {
      const model = buildModel(text);
      assertModelInvariants(model);
      return model.nodes.filter((n) => n.kind === 'section').map((s) => [s.number?.text, s.title]);
    };
    const razdel = head + 'Раздел I\n\nОБЩИЕ ПОЛОЖЕНИЯ\n\n1.1. Текст.\n\nРАЗДЕЛ II\nОрганизация работы\n\n2.1. Текст.\n';
    assert.deepEqual(sectionsOf(razdel), [['I', 'ОБЩИЕ ПОЛОЖЕНИЯ'], ['II', 'Организация работы']]);
    assert.deepEqual(numbersOf(razdel), ['I', '1.1', 'II', '2.1']);
    const arabic = head + '1.\nОбщие положения\n\n1.1. Текст.\n\n2.\n\nОрганизация работы\n\n2.1. Текст.\n';
    assert.deepEqual(sectionsOf(arabic), [['1', 'Общие положения'], ['2', 'Организация работы']]);
    assert.deepEqual(numbersOf(arabic), ['1', '1.1', '2', '2.1']);
  });

  it('does not take a clause or an item below a bare number as its title', () => {
    const text = head + '1. Общие положения\n\n1.1. Администратор:\n1.\n1.2. Текст.\n';
    const model = buildModel(text);
    assert.equal(model.nodes.filter((n) => n.kind === 'section').length, 1);
    assert.ok(numbersOf(text).includes('1.2'));
  });

  it('a number that continues a reference broken over lines is not a clause; after «и т. п.» it is', () => {
    const ref = head + '1. Общие положения\n\n1.1. Администратор выполняет обязанности, указанные в п.\n2.3 настоящего Положения.\n1.2. Текст.\n';
    assert.deepEqual(numbersOf(ref), ['1', '1.1', '1.2']);
    const byWord = head + '1. Общие положения\n\n1.1. Классный руководитель действует в соответствии с пунктом\n1.3. настоящего Положения.\n1.2. Текст.\n';
    assert.deepEqual(numbersOf(byWord), ['1', '1.1', '1.2']);
    const etc = head + '1. Общие положения\n\n1.1. Администратор создает чаты, каналы и т. п.\n1.2. Учитель размещает задания.\n';
    assert.deepEqual(numbersOf(etc), ['1', '1.1', '1.2']);
  });

  it('lettered sub-items `4.1.а)` are items of clause 4.1', () => {
    const text = head + '4. Ответственность\n\n4.1. Применяются меры:\n4.1.а) предупреждение;\n4.1.б) удаление из чата.\n4.2. Текст.\n';
    const model = buildModel(text);
    const c41 = model.nodes.find((n) => n.number?.text === '4.1')!;
    assert.deepEqual(c41.children.map((c) => [c.kind, c.marker]), [['item', '4.1.а)'], ['item', '4.1.б)']]);
    assert.deepEqual(numbersOf(text), ['4', '4.1', '4.2']);
  });
});
