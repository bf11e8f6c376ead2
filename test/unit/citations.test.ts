/**
 * The citation parser on every form of regulations.md §6, on the citations of the three real
 * drafts (expected parses written out), and on variants: every part carries the range of its
 * own text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import actsJson from '../../server/data/acts.json';
import { normalizeNumber, parseCitations } from '../../server/src/legal/citations';
import type { ActsData, Citation } from '../../server/src/legal/types';
import { SHARED_CORPUS } from '../helpers/fixtures';

const data = actsJson as unknown as ActsData;
const parse = (s: string): Citation[] => parseCitations(s, data.issuers);

/** A compact, comparable view of a citation. */
function brief(c: Citation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.kind) out['kind'] = `${c.kind.kind}/${c.kind.case}${c.kind.plural ? '/pl' : ''}`;
  if (c.issuer) out['issuer'] = c.issuer.id;
  if (c.number) out['number'] = c.number.normalized;
  if (c.date) out['date'] = c.date.iso ?? `invalid:${c.date.text}`;
  if (c.title) out['title'] = c.title.inner;
  if (c.code) out['code'] = c.code.normalized;
  if (c.article) out['article'] = [c.article.article, c.article.part].filter(Boolean).join('/');
  if (c.alias) out['alias'] = true;
  return out;
}

function assertRanges(text: string, c: Citation): void {
  for (const p of [c.kind, c.issuer, c.number, c.date, c.title, c.code, c.article]) {
    if (!p) continue;
    assert.equal(text.slice(p.range.start, p.range.end), p.text, `part text ≠ its range: ${p.text}`);
    assert.ok(p.range.start >= c.range.start && p.range.end <= c.range.end, `part ${p.text} outside the citation`);
  }
  if (c.title) assert.equal(text.slice(c.title.innerRange.start, c.title.innerRange.end), c.title.inner);
  assert.ok(c.actRange.start >= c.range.start && c.actRange.end === c.range.end);
}

const TITLE_273 = 'Об образовании в Российской Федерации';

/** [input, expected brief of the first citation] */
const VARIANTS: Array<[string, Record<string, unknown>]> = [
  [`Федеральный закон от 29.12.2012 № 273-ФЗ «${TITLE_273}»`, { kind: 'federal-law/nom', number: '273-ФЗ', date: '2012-12-29', title: TITLE_273 }],
  ['Федерального закона от 29.12.2012 №273-ФЗ', { kind: 'federal-law/gen', number: '273-ФЗ', date: '2012-12-29' }],
  ['Федеральным законом от 29.12.2012 № 273- ФЗ', { kind: 'federal-law/ins', number: '273-ФЗ', date: '2012-12-29' }],
  ['согласно Федеральному закону № 273-ФЗ', { kind: 'federal-law/dat', number: '273-ФЗ' }],
  ['в Федеральном законе от 29 декабря 2012 года № 273-ФЗ', { kind: 'federal-law/prep', number: '273-ФЗ', date: '2012-12-29' }],
  ['Федеральных законов: 273-ФЗ от 28.12.12 «Об образовании в РФ»', { number: '273-ФЗ', date: '2012-12-28', title: 'Об образовании в РФ' }],
  ['273-Ф3 от 29.12.2012', { number: '273-ФЗ', date: '2012-12-29' }],
  ['Федеральный закон № 156-ФЗ от 24.06.2025. Создаёт правовую основу', { kind: 'federal-law/nom', number: '156-ФЗ', date: '2025-06-24' }],
  ['Закон РФ от 10.07.1992 № 3266-1 «Об образовании»', { kind: 'law/nom', number: '3266-1', date: '1992-07-10', title: 'Об образовании' }],
  ['Закона Российской Федерации от 10.07.1992 N 3266-1', { kind: 'law/gen', number: '3266-1', date: '1992-07-10' }],
  ['Закон РФ «Об образовании» № 3266-1', { kind: 'law/nom', number: '3266-1', title: 'Об образовании' }],
  ['Постановления Правительства РФ от 13 июля 2022 г. № 1241', { kind: 'resolution/gen', issuer: 'government', number: '1241', date: '2022-07-13' }],
  ['постановлением Правительства Российской Федерации от 11.10.2023 № 1678', { kind: 'resolution/ins', issuer: 'government', number: '1678', date: '2023-10-11' }],
  ['Постановлению Правительства РФ от 11.10.2023 No 1678', { kind: 'resolution/dat', issuer: 'government', number: '1678', date: '2023-10-11' }],
  ['Постановлением Правительства РФ от 11 октября 2023г. №1678', { kind: 'resolution/ins', issuer: 'government', number: '1678', date: '2023-10-11' }],
  ['о постановлении Правительства РФ № 1678', { kind: 'resolution/prep', issuer: 'government', number: '1678' }],
  ['приказ Минцифры России от 15.07.2022 № 542/1', { kind: 'order/nom', issuer: 'mincifry', number: '542/1', date: '2022-07-15' }],
  ['Приказа Минцифры России № 542/1 от 15 июля 2022 года', { kind: 'order/gen', issuer: 'mincifry', number: '542/1', date: '2022-07-15' }],
  ['Приказом Минобрнауки России от 23.08.2017 № 816', { kind: 'order/ins', issuer: 'minobrnauki', number: '816', date: '2017-08-23' }],
  ['приказом Министерства образования и науки Российской Федерации от 23.08.2017 № 816', { kind: 'order/ins', issuer: 'minobrnauki', number: '816', date: '2017-08-23' }],
  ['приказом Минобрнауки от 23.08.2017 № 816', { kind: 'order/ins', issuer: 'minobrnauki', number: '816', date: '2017-08-23' }],
  ['Приказ Минпросвещения № 816', { kind: 'order/nom', issuer: 'minpros', number: '816' }],
  ['приказа Министерства просвещения Российской Федерации от 04.10.2023 № 738', { kind: 'order/gen', issuer: 'minpros', number: '738', date: '2023-10-04' }],
  ['Приказу Минпросвещения России от 23.07.2025 № 551', { kind: 'order/dat', issuer: 'minpros', number: '551', date: '2025-07-23' }],
  ['Распоряжение Правительства РФ № 1880-р от 12.07.2025', { kind: 'directive/nom', issuer: 'government', number: '1880-Р', date: '2025-07-12' }],
  ['распоряжениями Правительства РФ от 12.07.2025 № 1880-р', { kind: 'directive/ins/pl', issuer: 'government', number: '1880-Р', date: '2025-07-12' }],
  ['Распоряжения Минпросвещения России от 01.09.2021 № Р-210', { kind: 'directive/gen', issuer: 'minpros', number: 'Р-210', date: '2021-09-01' }],
  ['распоряжением Минпросвещения России от 01.09.2071 № 210-р', { kind: 'directive/ins', issuer: 'minpros', number: '210-Р', date: '2071-09-01' }],
  ['Письма Министерства цифрового развития, связи и массовых коммуникаций Российской Федерации от 27 августа 2025 г. N ММ-П10-82860', { kind: 'letter/gen', issuer: 'mincifry', number: 'ММ-П10-82860', date: '2025-08-27' }],
  ['письмо Министерства просвещения РФ от 22.02.2022 № 04-127 «О направлении методических рекомендаций»', { kind: 'letter/nom', issuer: 'minpros', number: '04-127', date: '2022-02-22', title: 'О направлении методических рекомендаций' }],
  ['Письмом Минпросвещения России от 22.08.2025 № 04-ЗГ-МП-67', { kind: 'letter/ins', issuer: 'minpros', number: '04-ЗГ-МП-67', date: '2025-08-22' }],
  ['Постановление Главного государственного санитарного врача РФ от 28.09.2020 № 28 «Об утверждении санитарных правил СП 2.4.3648-20 «Санитарно-эпидемиологические требования к организациям воспитания и обучения, отдыха и оздоровления детей и молодежи»»',
    { kind: 'resolution/nom', issuer: 'ggsv', number: '28', date: '2020-09-28', title: 'Об утверждении санитарных правил СП 2.4.3648-20 «Санитарно-эпидемиологические требования к организациям воспитания и обучения, отдыха и оздоровления детей и молодежи»', code: 'СП 2.4.3648-20' }],
  ['Постановлением Главного государственного санитарного врача Российской Федерации от 28.01.2021 № 2', { kind: 'resolution/ins', issuer: 'ggsv', number: '2', date: '2021-01-28' }],
  ['СанПиН 1.2.3685-21', { code: 'СанПиН 1.2.3685-21' }],
  ['СанПиН 2.4.2.2821-10 «Санитарно-эпидемиологические требования к условиям и организации обучения в общеобразовательных учреждениях»', { code: 'СанПиН 2.4.2.2821-10', title: 'Санитарно-эпидемиологические требования к условиям и организации обучения в общеобразовательных учреждениях' }],
  ['с учётом СанПиН 2.2.2/2.4.1340-03.', { code: 'СанПиН 2.2.2/2.4.1340-03' }],
  ['МР 2.4.0330-23', { code: 'МР 2.4.0330-23' }],
  ['СП 3.1/2.4.3598-20', { code: 'СП 3.1/2.4.3598-20' }],
  ['(далее – СанПиН 1.2.3685-21)', { code: 'СанПиН 1.2.3685-21', alias: true }],
  ['ч. 3 ст. 30 Федерального закона от 29.12.2012 № 273-ФЗ', { kind: 'federal-law/gen', number: '273-ФЗ', date: '2012-12-29', article: '30/3' }],
  ['статьей 30 Федерального закона № 273-ФЗ', { kind: 'federal-law/gen', number: '273-ФЗ', article: '30' }],
  ['в соответствии с частью 3 статьи 30 273-ФЗ', { number: '273-ФЗ', article: '30/3' }],
  ['Федеральный закон от\n29.12.2012 № 273-ФЗ', { kind: 'federal-law/nom', number: '273-ФЗ', date: '2012-12-29' }],
  ['Федеральным\nзаконом от 29.12.2012 № 273-ФЗ', { kind: 'federal-law/ins', number: '273-ФЗ', date: '2012-12-29' }],
  ['Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании\nв Российской Федерации»', { kind: 'federal-law/nom', number: '273-ФЗ', date: '2012-12-29', title: 'Об образовании\nв Российской Федерации' }],
  [`Федеральный закон «${TITLE_273}» от 29.12.2012 № 273-ФЗ`, { kind: 'federal-law/nom', number: '273-ФЗ', date: '2012-12-29', title: TITLE_273 }],
  ['Федеральный закон от 29.12.12 № 273-ФЗ', { kind: 'federal-law/nom', number: '273-ФЗ', date: '2012-12-29' }],
  [`Федеральный закон от 29.12.2012 № 273-ФЗ "${TITLE_273}"`, { kind: 'federal-law/nom', number: '273-ФЗ', date: '2012-12-29', title: TITLE_273 }],
  ['Федеральный закон 273-ФЗ', { kind: 'federal-law/nom', number: '273-ФЗ' }],
  ['Федеральный\u00A0закон от\u00A029.12.2012 №\u00A0273-ФЗ', { kind: 'federal-law/nom', number: '273-ФЗ', date: '2012-12-29' }],
  ['Указ Президента РФ от 07.05.2024 № 309', { kind: 'decree/nom', issuer: 'president', number: '309', date: '2024-05-07' }],
  ['Федеральный закон от 31.02.2012 № 273-ФЗ', { kind: 'federal-law/nom', number: '273-ФЗ', date: 'invalid:31.02.2012' }],
];

describe('citation parser', () => {
  it(`parses ${VARIANTS.length} variants of §6 forms`, () => {
    const failures: string[] = [];
    for (const [input, expected] of VARIANTS) {
      const cs = parse(input);
      if (cs.length === 0) { failures.push(`${input}: no citation`); continue; }
      for (const c of cs) assertRanges(input, c);
      try {
        assert.deepEqual(brief(cs[0]!), expected);
      } catch {
        failures.push(`${input}\n   got ${JSON.stringify(brief(cs[0]!))}\n  want ${JSON.stringify(expected)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('an unbalanced nested title runs to the last closing quote of the line', () => {
    const s = 'Постановления Правительства РФ от 13 июля 2022 г. № 1241 «О федеральной государственной информационной системе «Моя школа» и внесении изменения в подпункт "а" пункта 2 «Положения об инфраструктуре … в электронной форме»;\nдалее';
    const [c] = parse(s);
    assert.ok(c?.title);
    assert.equal(c.title.closed, false);
    assert.ok(c.title.text.endsWith('в электронной форме»'));
  });

  it('finds nothing in local orders, list heads and bare kind words', () => {
    for (const s of ['утверждается приказом директора от 01.09.2025 № 12', 'Приказ №', 'Федеральных законов:', 'в соответствии с действующим законодательством РФ', 'на основании приказа о назначении администратора', 'Протокол № 1 от « 29 » 08 2025']) {
      assert.deepEqual(parse(s).map(brief), [], s);
    }
  });

  it('splits a run of citations sharing one kind word, the date before the number included', () => {
    const s = 'федеральными законами от 29.12.2012 № 273-ФЗ и от 27.07.2006 № 152-ФЗ';
    const cs = parse(s);
    assert.deepEqual(cs.map(brief), [
      { kind: 'federal-law/ins/pl', number: '273-ФЗ', date: '2012-12-29' },
      { number: '152-ФЗ', date: '2006-07-27' },
    ]);
    assert.equal(s.slice(cs[1]!.range.start, cs[1]!.range.end), 'от 27.07.2006 № 152-ФЗ');
  });

  it('normalises numbers: spaces, digit 3, Latin look-alikes, case', () => {
    assert.equal(normalizeNumber('273- Ф3'), '273-ФЗ');
    assert.equal(normalizeNumber('1880-р'), '1880-Р');
    assert.equal(normalizeNumber('P-210'), 'Р-210');
    assert.equal(normalizeNumber('ММ–П10–82860'), 'ММ-П10-82860');
  });

  it('never throws and keeps ranges inside the text on hostile input', () => {
    const junk = ['«««', '»»» № №', 'Федеральный закон от', 'СанПиН', 'приказ Минобрнауки № ', 'от 99.99.9999 № 273-ФЗ «', '\r\n\r\nПостановлением\r\nПравительства РФ\r\n№ 1678\r\n'];
    for (const s of junk) for (const c of parse(s)) assertRanges(s, c);
  });
});

/** Expected parses of every citation in the real drafts: `line: brief`. */
const CORPUS: Record<string, string[]> = {
  'rpl-poryadok-2025.md': [
    '49 {"kind":"federal-law/ins","number":"149-ФЗ","date":"2006-07-27","title":"Об информации, информационных технология…и"}',
    '51 {"kind":"federal-law/ins","number":"273-ФЗ","date":"2012-12-29","title":"Об образовании в Российской Федерации"}',
    '53 {"kind":"resolution/ins","issuer":"government","number":"1241","date":"2022-07-13","title":"О федеральной государственной информацио…е"}',
    '55 {"kind":"resolution/ins","issuer":"government","number":"1678","date":"2023-10-11","title":"Об утверждении правил применения организ…м"}',
    '57 {"kind":"federal-law/nom","number":"156-ФЗ","date":"2025-06-24"}',
    '59 {"kind":"directive/nom","issuer":"government","number":"1880-Р","date":"2025-07-12"}',
  ],
  'sopk-max-2025.md': [
    '25 {"number":"273-ФЗ","date":"2012-12-28","title":"Об образовании в РФ"}',
    '25 {"number":"156-ФЗ","date":"2025-06-24","title":"О создании многофункционального сервиса …й"}',
    '25 {"kind":"directive/ins/pl","issuer":"government","number":"1880-Р","date":"2025-07-12","title":"Об организации, обеспечивающей создание …й"}',
    '27 {"kind":"directive/gen","issuer":"minpros","number":"Р-210","date":"2021-09-01","title":"Об утверждении Методологии мотивирующего…я"}',
    '29 {"kind":"letter/gen","issuer":"minpros","number":"04-127","date":"2022-02-22","title":"О направлении методических рекомендаций"}',
    '31 {"kind":"resolution/gen","issuer":"government","number":"1241","date":"2022-07-13","title":"О федеральной государственной информацио…е"}',
    '33 {"kind":"order/gen","issuer":"mincifry","number":"542/1","date":"2022-07-15","title":"О мероприятиях по созданию элементов ФГИ…а"}',
    '35 {"kind":"letter/gen","issuer":"minpros","number":"04-643","date":"2022-08-26","title":"О направлении информации"}',
    '37 {"kind":"letter/gen","issuer":"mincifry","number":"ММ-П10-82860","date":"2025-08-27"}',
  ],
  'sosh14-sferum-2024.md': [
    '8 {"kind":"federal-law/nom","number":"149-ФЗ","date":"2006-07-27","title":"Об информации, информационных технология…и"}',
    '9 {"kind":"federal-law/nom","number":"273-ФЗ","date":"2012-12-29","title":"Об образовании в Российской Федерации"}',
    '10 {"kind":"resolution/nom","issuer":"government","number":"1678","date":"2023-10-11","title":"Об утверждении Правил применения организ…м"}',
    '11 {"kind":"order/nom","issuer":"minpros","number":"738","date":"2023-10-04","title":"Об утверждении федерального перечня элек…я"}',
    '11 {"kind":"order/nom","issuer":"minpros","number":"738","alias":true}',
    '12 {"kind":"order/nom","issuer":"mincifry","number":"542/1","date":"2022-07-15","title":"О мероприятиях по созданию элементов фед…а"}',
    '13 {"kind":"resolution/nom","issuer":"ggsv","number":"28","date":"2020-09-28","title":"Об утверждении санитарных правил СП 2.4.…и","code":"СП 2.4.3648-20"}',
    '14 {"kind":"resolution/nom","issuer":"ggsv","number":"2","date":"2021-01-28","title":"Об утверждении санитарных правил и норм …я","code":"СанПиН 1.2.3685-21"}',
    '14 {"code":"СанПиН 1.2.3685-21","alias":true}',
    '15 {"code":"МР 2.4.0330-23"}',
    '15 {"code":"МР 2.4.0330-23","alias":true}',
    '16 {"kind":"letter/nom","issuer":"minpros","number":"04-423","date":"2023-07-31","title":"Об исполнении протокола"}',
    '17 {"kind":"letter/nom","issuer":"minpros","number":"04-127","date":"2022-02-22","title":"О направлении методических рекомендаций"}',
    '18 {"kind":"letter/nom","issuer":"minpros","number":"04-643","date":"2022-08-26","title":"О направлении информации"}',
    '91 {"code":"СанПиН 1.2.3685-21"}',
    '92 {"code":"МР 2.4.0330-23"}',
    '96 {"kind":"order/dat","issuer":"minpros","number":"738"}',
  ],
};

describe('citations of the real drafts', () => {
  for (const [file, expected] of Object.entries(CORPUS)) {
    it(file, () => {
      const text = fs.readFileSync(path.join(SHARED_CORPUS, file), 'utf8');
      const cs = parse(text);
      for (const c of cs) assertRanges(text, c);
      const actual = cs.map((c) => {
        const b = brief(c);
        // Titles are compared by their first 40 characters and their last character.
        if (typeof b['title'] === 'string') {
          const t = b['title'] as string;
          b['title'] = t.length > 41 ? `${t.slice(0, 40)}…${t.slice(-1)}` : t;
        }
        return `${text.slice(0, c.range.start).split('\n').length} ${JSON.stringify(b)}`;
      });
      assert.deepEqual(actual, expected);
    });
  }
});
