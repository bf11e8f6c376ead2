/**
 * The clause tree as a lawyer reads it. Data-driven: every draft in `test/fixtures/parser/*.md`
 * has a sidecar `<name>.expected.json` written by hand (not generated from the parser) with the
 * clause numbers in document order, duplicates included, and the stamps and title. The three
 * shared real drafts are checked against numbers written out below.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../../server/src/model/clauseTree';
import type { RegNode } from '../../server/src/model/types';
import { buildOutline, type OutlineNode } from '../../server/src/service/outline';
import { FIXTURES, SHARED_CORPUS, joinLines } from '../helpers/fixtures';
import { assertModelInvariants } from '../helpers/modelInvariants';

interface Expected {
  numbers: string[];
  stamps?: Array<{ kind: string; date?: string }>;
  title?: { kind: string; subject?: string } | null;
  approvalDate?: string;
  /** Numbers of the nodes of kind `section`, in order. */
  sections?: string[];
  /** Numbers of the appendices, in order. */
  appendices?: string[];
  /** Numbers kept where the text puts them although their parent is not open. */
  orphans?: string[];
  /** Number of item children (bulleted or numbered) under the clause with this number. */
  items?: Record<string, number>;
  /** Texts recognised as conversion debris; none of them may appear in a clause's text. */
  debris?: string[];
  /** A fragment each clause's text must contain (sentences broken across lines stay in their clause). */
  clauseText?: Record<string, string>;
  /** Titles of unnumbered section headings. */
  unnumberedSections?: string[];
}

/** Outline numbers flattened in pre-order. */
function outlineNumbers(outline: readonly OutlineNode[]): string[] {
  const out: string[] = [];
  const walk = (ns: readonly OutlineNode[]): void => {
    for (const n of ns) {
      if (n.number !== undefined) out.push(n.number);
      walk(n.children);
    }
  };
  walk(outline);
  return out;
}

function flatOutline(outline: readonly OutlineNode[]): OutlineNode[] {
  return outline.flatMap((n) => [n, ...flatOutline(n.children)]);
}

function checkDraft(text: string, exp: Expected): void {
  const model = buildModel(text);
  assertModelInvariants(model);
  const outline = buildOutline(model);
  assert.deepEqual(outlineNumbers(outline), exp.numbers, 'outline numbers');
  const flat = flatOutline(outline);
  for (let i = 1; i < flat.length; i++) {
    assert.ok(flat[i - 1]!.selectionRange.start < flat[i]!.selectionRange.start, `outline out of document order at ${flat[i]!.number ?? flat[i]!.title}`);
  }
  if (exp.stamps) {
    const stamps = model.stamps.map((s) => (s.stamp!.date?.iso ? { kind: s.stamp!.kind, date: s.stamp!.date.iso } : { kind: s.stamp!.kind }));
    assert.deepEqual(stamps, exp.stamps, 'stamps');
  }
  if (exp.title === null) assert.equal(model.title, undefined);
  else if (exp.title) {
    assert.equal(model.title?.kind, exp.title.kind, 'title kind');
    if (exp.title.subject !== undefined) assert.equal(model.title?.subject, exp.title.subject, 'title subject');
  }
  if (exp.approvalDate) assert.equal(model.approvalDate, exp.approvalDate);
  const byKind = (kind: RegNode['kind']): RegNode[] => model.nodes.filter((n) => n.kind === kind);
  if (exp.sections) assert.deepEqual(byKind('section').filter((n) => n.number).map((n) => n.number!.text), exp.sections, 'sections');
  if (exp.unnumberedSections) assert.deepEqual(byKind('section').filter((n) => !n.number).map((n) => n.title), exp.unnumberedSections, 'unnumbered sections');
  if (exp.appendices) assert.deepEqual(model.appendices.map((n) => n.number?.text), exp.appendices, 'appendices');
  if (exp.orphans) assert.deepEqual(model.nodes.filter((n) => n.orphan).map((n) => n.number!.text), exp.orphans, 'orphans');
  const clause = (num: string): RegNode => {
    const n = model.nodes.find((x) => x.number?.text === num && x.kind !== 'item' && x.kind !== 'appendix');
    assert.ok(n, `no clause ${num}`);
    return n;
  };
  for (const [num, count] of Object.entries(exp.items ?? {})) {
    assert.equal(clause(num).children.filter((c) => c.kind === 'item').length, count, `items of ${num}`);
  }
  for (const [num, fragment] of Object.entries(exp.clauseText ?? {})) {
    assert.ok(clause(num).text.includes(fragment), `clause ${num} text «${clause(num).text}» lacks «${fragment}»`);
  }
  if (exp.debris) {
    const found = model.debris.map((d) => d.text);
    for (const d of exp.debris) assert.ok(found.includes(d), `debris «${d}» not recognised (found: ${found.join(' | ')})`);
    const debrisLines = new Set(model.debris.filter((d) => d.kind !== 'bookmark').map((d) => d.line));
    for (const n of model.nodes) {
      if (n.kind === 'stamp' || n.kind === 'title') continue;
      for (const i of n.lines) assert.ok(!debrisLines.has(i), `debris line ${i + 1} inside ${n.kind} ${n.number?.text ?? n.title}`);
      assert.ok(!n.text.includes('[bookmark'), `a bookmark inside ${n.kind} ${n.number?.text ?? n.title}`);
    }
  }
}

describe('clause tree: hand-written drafts (test/fixtures/parser)', () => {
  const dir = path.join(FIXTURES, 'parser');
  const drafts = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  it('has at least 15 drafts, each with expected numbers', () => {
    assert.ok(drafts.length >= 15, `${drafts.length} drafts`);
    for (const d of drafts) assert.ok(fs.existsSync(path.join(dir, d.replace(/\.md$/, '.expected.json'))), `${d} has no .expected.json`);
  });
  for (const d of drafts) {
    it(d, () => {
      const text = fs.readFileSync(path.join(dir, d), 'utf8');
      const exp = JSON.parse(fs.readFileSync(path.join(dir, d.replace(/\.md$/, '.expected.json')), 'utf8')) as Expected;
      checkDraft(text, exp);
    });
  }
});

const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

describe('clause tree: the shared real drafts', () => {
  const read = (name: string): string => fs.readFileSync(path.join(SHARED_CORPUS, name), 'utf8');

  it('sopk-max-2025: plain text with blank lines, a date split over two lines', () => {
    checkDraft(read('sopk-max-2025.md'), {
      numbers: ['1', ...range('1.', 1, 8), '2', ...range('2.', 1, 6), '3', ...range('3.', 1, 4)],
      stamps: [{ kind: 'УТВЕРЖДАЮ', date: '2025-10-15' }],
      title: { kind: 'ПОЛОЖЕНИЕ' },
      sections: ['1', '2', '3'],
      items: { '2.1': 16, '2.5': 4, '2.6': 2 },
      clauseText: { '2.1': 'организации, а именно:' },
    });
  });

  it('sosh14-sferum-2024: plain text with no blank lines (lazy continuations), a bookmark', () => {
    checkDraft(read('sosh14-sferum-2024.md'), {
      numbers: ['1', ...range('1.', 1, 3), '2', ...range('2.', 1, 6), '3', ...range('3.', 1, 7), '4', '4.1', '4.2', '5', ...range('5.', 1, 3)],
      stamps: [],
      title: { kind: 'ПОЛОЖЕНИЕ', subject: 'об использовании информационно-коммуникационной образовательной платформы «Сферум» при осуществлении образовательной деятельности (наименование учреждения)' },
      sections: ['1', '2', '3', '4', '5'],
      items: { '1.2': 12, '3.1': 3, '4.2': 7 },
      debris: ['[bookmark: _GoBack]'],
      clauseText: { '3.3': 'Использование мобильных телефонов' },
    });
  });

  it('rpl-poryadok-2025: headings, bold, clauses in list items, nested lists, appendices', () => {
    checkDraft(read('rpl-poryadok-2025.md'), {
      numbers: [
        '1', '1.1', '1.2', '1.3', ...range('1.3.', 1, 5),
        '2', '2.1', '2.2',
        '3', '3.1', ...range('3.1.', 1, 12), '3.2', '3.2.1', '3.2.2', '3.3', ...range('3.3.', 1, 7),
        '3.4', ...range('3.4.', 1, 3), '3.5', ...range('3.5.', 1, 3), '3.6', '3.6.1', '3.6.2',
        '4', ...range('4.', 1, 4), '4.5', ...range('4.5.', 1, 4), '4.6', ...range('4.6.', 1, 3),
        '5',
        '1', '1', '2', '3',
        '2', ...range('', 1, 9),
      ],
      stamps: [
        { kind: 'СОГЛАСОВАНО', date: '2025-08-29' },
        { kind: 'СОГЛАСОВАНО', date: '2025-09-01' },
        { kind: 'СОГЛАСОВАНО', date: '2025-09-01' },
        { kind: 'УТВЕРЖДЕНО', date: '2025-09-01' },
      ],
      title: { kind: 'ПОРЯДОК' },
      approvalDate: '2025-09-01',
      sections: ['1', '2', '3', '4', '5'],
      appendices: ['1', '2'],
      items: { '1.2': 6 },
    });
  });
});

describe('clause tree: the bundled example drafts (npm run demo)', () => {
  const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, '../../examples', name), 'utf8');

  it('sferum-max-2025: a duplicate 2.3 and a gap at 2.4 are kept as written', () => {
    checkDraft(read('sferum-max-2025.md'), {
      numbers: ['1', '1.1', '1.2', '1.3', '1.4', '2', '2.1', '2.2', '2.3', '2.3', '2.5', '3', '3.1', '3.2', '3.3', '4', '4.1', '4.2'],
      stamps: [{ kind: 'СОГЛАСОВАНО', date: '2025-08-29' }, { kind: 'УТВЕРЖДАЮ', date: '2025-09-01' }],
      title: { kind: 'ПОЛОЖЕНИЕ' },
      approvalDate: '2025-09-01',
      items: { '1.2': 4, '1.4': 3, '2.1': 4, '3.2': 3 },
    });
  });

  it('sosh-vk-2024: no blank lines, lettered items, numbered entries inside 3.1', () => {
    checkDraft(read('sosh-vk-2024.md'), {
      numbers: ['1', '1.1', '1.2', '1.3', '2', '2.1', '2.2', '2.3', '2.3.1', '2.3.2', '2.3.3', '3', '3.1', '1', '2', '3', '3.2', '4', '4.1'],
      stamps: [{ kind: 'РАССМОТРЕНО', date: '2024-08-29' }, { kind: 'УЧТЕНО МНЕНИЕ', date: '2024-08-28' }, { kind: 'УТВЕРЖДЕНО', date: '2024-09-02' }],
      title: { kind: 'ПОЛОЖЕНИЕ', subject: 'об использовании информационно-коммуникационной образовательной платформы «Сферум» в МБОУ «СОШ № 21»' },
      sections: ['1', '2', '3', '4'],
      items: { '1.2': 3, '2.1': 3, '3.1': 3 },
    });
  });
});

describe('clause tree: small cases', () => {
  it('a clause directly under its section without a blank line is a clause, not part of the section', () => {
    const model = buildModel(joinLines('ПОЛОЖЕНИЕ', 'о чатах', '1. Общие положения', '1.1. Первый пункт.', '1.2. Второй пункт.'));
    const section = model.nodes.find((n) => n.kind === 'section')!;
    assert.equal(section.title, 'Общие положения');
    assert.deepEqual(section.children.map((c) => c.number?.text), ['1.1', '1.2']);
  });

  it('a number without a trailing dot and a number glued to its text are clause numbers', () => {
    const model = buildModel(joinLines('1. Общие положения', '1.1 Первый пункт.', '1.2.Второй пункт.'));
    const clauses = model.nodes.filter((n) => n.kind === 'clause');
    assert.deepEqual(clauses.map((c) => [c.number!.text, c.number!.trailingDot]), [['1.1', false], ['1.2', true]]);
    assert.equal(clauses[1]!.title, 'Второй пункт');
  });

  it('dates, years and codes at the start of a line are not clause numbers', () => {
    const model = buildModel(joinLines('1. Общие положения', '1.1. Акты:', '01.09.2025 приказ;', '2025 г. решение;', '273-ФЗ закон;', '15.10.2025 № 5.'));
    assert.deepEqual(model.nodes.filter((n) => n.number).map((n) => n.number!.text), ['1', '1.1']);
  });

  it('a title subject stops before the preamble', () => {
    const model = buildModel(joinLines('ПОЛОЖЕНИЕ', 'об использовании ИКОП «Сферум»', 'Настоящее Положение разработано в целях организации безопасной коммуникации участников.', '', '1. Общие положения', '1.1. Текст.'));
    assert.equal(model.title?.subject, 'об использовании ИКОП «Сферум»');
  });

  it('a stamp written after the title is still a stamp', () => {
    const model = buildModel(joinLines('ПОЛОЖЕНИЕ', 'об использовании ИКОП «Сферум»', '', 'УТВЕРЖДЕНО', 'приказом директора от 01.09.2025 № 3', '', '1. Общие положения', '1.1. Текст.'));
    assert.deepEqual(model.stamps.map((s) => [s.stamp!.kind, s.stamp!.date?.iso]), [['УТВЕРЖДЕНО', '2025-09-01']]);
    assert.equal(model.title?.subject, 'об использовании ИКОП «Сферум»');
  });

  it('stamp bodies and numbers: «приказом директора», a signature line, the order number on the date line', () => {
    const model = buildModel(joinLines('УТВЕРЖДАЮ', '_________ И.И. Петров', 'Директор школы', '', 'УТВЕРЖДЕНО', 'приказом директора', 'от 02.09.2024 № 187-од', '', 'ПОЛОЖЕНИЕ о чатах', '', '1. Общие положения'));
    assert.deepEqual(model.stamps.map((s) => [s.stamp!.kind, s.stamp!.body, s.stamp!.number, s.stamp!.date?.iso]), [
      ['УТВЕРЖДАЮ', 'Директор школы', undefined, undefined],
      ['УТВЕРЖДЕНО', 'приказом директора', '187-од', '2024-09-02'],
    ]);
    assert.equal(model.approvalDate, '2024-09-02');
  });

  it('a two-column table of stamps gives one stamp per column with its own body and date', () => {
    const model = buildModel(joinLines(
      '| СОГЛАСОВАНО | УТВЕРЖДАЮ |',
      '|---|---|',
      '| Советом родителей | Директор школы |',
      '| Протокол № 2 от 30.08.2024 | Приказ № 5 от 02.09.2024 |',
      '',
      'ПОЛОЖЕНИЕ о чатах',
      '',
      '1. Общие положения',
    ));
    assert.deepEqual(model.stamps.map((s) => [s.stamp!.kind, s.stamp!.body, s.stamp!.number, s.stamp!.date?.iso]), [
      ['СОГЛАСОВАНО', 'Советом родителей', '2', '2024-08-30'],
      ['УТВЕРЖДАЮ', 'Директор школы', '5', '2024-09-02'],
    ]);
    for (const s of model.stamps) {
      assert.equal(model.text.slice(s.stamp!.date!.range.start, s.stamp!.date!.range.end), s.stamp!.date!.raw);
      assert.ok(!s.text.includes('|'), `stamp text «${s.text}» holds the other column`);
    }
  });

  it('an appendix caption inside the body is not a section, and its numbered list entries are items', () => {
    const model = buildModel(joinLines('1. Общие положения', '1.1. Текст.', '', 'Приложение № 1 к Положению', '', '1. Discord;', '2. WhatsApp.'));
    const appendix = model.appendices[0]!;
    assert.equal(appendix.number?.text, '1');
    assert.deepEqual(appendix.children.map((c) => [c.kind, c.number?.text]), [['item', '1'], ['item', '2']]);
  });

  it('a sentence broken by a blank line stays in its clause', () => {
    const model = buildModel(joinLines('1. Общие положения', '', '1.1. Администратор регистрирует школу на', '', 'платформе и создает чаты.', '', '1.2. Второй пункт.'));
    const c = model.nodes.find((n) => n.number?.text === '1.1')!;
    assert.equal(c.text, '1.1. Администратор регистрирует школу на\nплатформе и создает чаты.');
  });
});
