/**
 * The acts registry as data: schema, completeness against regulations.md §6, consistency; the
 * date logic (status on a date, the 90-day window, successors, date formats); canonical
 * citations in every case; workspace extension; hover and completion through the service;
 * the generated basis-list snippets equal the committed file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import actsJson from '../../server/data/acts.json';
import { normalizeSettings } from '../../server/src/config';
import { getKnowledge } from '../../server/src/knowledge';
import { addDays, daysBetween, differsInOnePart, formatLike } from '../../server/src/legal/dates';
import { parseCitations } from '../../server/src/legal/citations';
import { actById, actsData, canonicalCitation, expiringWithin, isStale, resolveCitation, statusAt, successorsInForce, titleVerdict } from '../../server/src/legal/registry';
import { legalSnippetsFile } from '../../server/src/legal/snippets';
import type { ActsData } from '../../server/src/legal/types';
import { createRegulationService } from '../../server/src/service';
import { citationCompletions } from '../../server/src/service/legalCompletion';
import { citationHoverAt } from '../../server/src/service/legalHover';

const ROOT = path.resolve(__dirname, '../../..');
const data = actsJson as unknown as ActsData;
const act = (id: string) => {
  const a = actById(data, id);
  assert.ok(a, `no act ${id}`);
  return a;
};

describe('legal registry data', () => {
  it('matches its JSON schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/data/acts.schema.json'), 'utf8')) as object);
    assert.ok(validate(actsJson), JSON.stringify(validate.errors, null, 1));
  });

  it('holds every act of regulations.md §6 with its date and confidence', () => {
    const expected: Array<[string, string | undefined, string]> = [
      ['fz-273', '2012-12-29', 'verified'], ['law-3266-1', '1992-07-10', 'partial'], ['fz-149', '2006-07-27', 'verified'],
      ['fz-152', '2006-07-27', 'verified'], ['fz-156', '2025-06-24', 'verified'], ['fz-41-2025', '2025-04-01', 'verified'],
      ['rp-1880-r', '2025-07-12', 'verified'], ['rp-2240-r', '2025-08-19', 'verified'], ['pp-1678', '2023-10-11', 'verified'],
      ['order-minobrnauki-816', '2017-08-23', 'partial'], ['pp-1241', '2022-07-13', 'verified'], ['sp-2.4.3648-20', '2020-09-28', 'verified'],
      ['sanpin-1.2.3685-21', '2021-01-28', 'verified'], ['sanpin-2.4.2.2821-10', '2010-12-29', 'partial'], ['sanpin-2.2.2-2.4.1340-03', '2003-06-03', 'partial'],
      ['sp-3.1-2.4.3598-20', '2020-06-30', 'verified'], ['pp-2040', '2020-12-07', 'partial'], ['order-minpros-738', '2023-10-04', 'partial'],
      ['r-minpros-210', '2021-09-01', 'partial'], ['order-mincifry-542-1', '2022-07-15', 'unverified'], ['letter-minpros-04-127', '2022-02-22', 'unverified'],
      ['letter-minpros-04-643', '2022-08-26', 'unverified'], ['letter-minpros-04-423', '2023-07-31', 'unverified'], ['letter-minpros-04-zg-mp-67', '2025-08-22', 'unverified'],
      ['letter-mincifry-mm-p10-82860', '2025-08-27', 'unverified'], ['order-minpros-551', '2025-07-23', 'unverified'], ['mr-2.4.0330-23', '2023-08-29', 'unverified'],
    ];
    for (const [id, date, confidence] of expected) {
      const a = act(id);
      assert.equal(a.date, date, id);
      assert.equal(a.confidence, confidence, id);
      assert.ok(a.sources.length > 0, `${id} has no source`);
    }
  });

  it('is consistent: unique ids, known issuers, successors exist, wrong variants present', () => {
    const ids = data.acts.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length);
    const issuers = new Set(data.issuers.map((i) => i.id));
    for (const a of data.acts) {
      if (a.issuer) assert.ok(issuers.has(a.issuer), `${a.id}: issuer ${a.issuer}`);
      for (const e of a.history) for (const id of e.by ?? []) assert.ok(ids.includes(id), `${a.id} → ${id}`);
      for (const i of a.wrong?.issuers ?? []) assert.ok(issuers.has(i), `${a.id}: wrong issuer ${i}`);
    }
    assert.deepEqual(act('fz-273').wrong?.dates, ['2012-12-28']);
    assert.deepEqual(act('rp-1880-r').wrong?.dates, ['2024-07-12']);
    assert.deepEqual(act('r-minpros-210').wrong?.numbers, ['210-р']);
    assert.deepEqual(act('r-minpros-210').wrong?.dates, ['2071-09-01']);
    assert.deepEqual(act('fz-149').wrong?.titles, ['Об информации, информатизации и защите информации']);
    for (const p of data.issuers.flatMap((i) => i.patterns)) assert.doesNotThrow(() => new RegExp(p, 'iu'), p);
  });
});

describe('legal date logic', () => {
  it('status on a date follows the history', () => {
    assert.equal(statusAt(act('order-minobrnauki-816'), '2024-08-31').status, 'in-force');
    assert.equal(statusAt(act('order-minobrnauki-816'), '2024-09-01').status, 'superseded');
    assert.equal(statusAt(act('pp-1678'), '2024-01-10').status, 'not-yet');
    assert.equal(statusAt(act('pp-1678'), '2024-09-01').status, 'in-force');
    assert.equal(statusAt(act('law-3266-1'), '2013-09-01').status, 'repealed');
    assert.ok(!isStale(act('sanpin-1.2.3685-21'), '2027-02-28'));
    assert.ok(isStale(act('sanpin-1.2.3685-21'), '2027-03-01'));
    assert.ok(isStale(act('sp-3.1-2.4.3598-20'), '2024-01-01'));
  });

  it('unverified acts have no status and are never stale', () => {
    for (const a of data.acts.filter((x) => x.confidence === 'unverified')) {
      assert.equal(statusAt(a, '2030-01-01').status, 'unknown', a.id);
      assert.ok(!isStale(a, '2030-01-01'));
    }
  });

  it('the 90-day window: СП 2.4.3648-20 is expiring on 2026-11-21, not on 2026-09-01', () => {
    assert.equal(expiringWithin(act('sp-2.4.3648-20'), '2026-11-21', 90)?.from, '2027-01-01');
    assert.equal(expiringWithin(act('sp-2.4.3648-20'), '2026-09-01', 90), undefined);
    assert.equal(expiringWithin(act('sanpin-1.2.3685-21'), '2026-11-21', 90), undefined);
    assert.equal(expiringWithin(act('sanpin-1.2.3685-21'), '2026-12-01', 90)?.from, '2027-03-01');
  });

  it('successors in force follow replacements', () => {
    assert.deepEqual(successorsInForce(data, act('order-minobrnauki-816'), '2025-01-01').map((a) => a.id), ['pp-1678']);
    assert.deepEqual(successorsInForce(data, act('sanpin-2.4.2.2821-10'), '2025-01-01').map((a) => a.id), ['sp-2.4.3648-20', 'sanpin-1.2.3685-21']);
    assert.deepEqual(successorsInForce(data, act('sanpin-2.4.2.2821-10'), '2027-06-01').map((a) => a.id), []);
  });

  it('dates: arithmetic, one-part typos, writing in the draft\'s format', () => {
    assert.equal(addDays('2026-11-21', 90), '2027-02-19');
    assert.equal(daysBetween('2026-11-21', '2027-01-01'), 41);
    assert.ok(differsInOnePart('2012-12-28', '2012-12-29'));
    assert.ok(!differsInOnePart('2008-12-25', '2012-12-29'));
    assert.equal(formatLike('28.12.12', '2012-12-29'), '29.12.12');
    assert.equal(formatLike('1.9.2021', '2021-09-01'), '1.9.2021');
    assert.equal(formatLike('28 декабря 2012', '2012-12-29'), '29 декабря 2012');
    assert.equal(formatLike('12 июля 2024', '2025-07-12'), '12 июля 2025');
  });
});

describe('legal canonical citations and matching', () => {
  it('writes the successor in the case of the citation it replaces', () => {
    const pp = act('pp-1678');
    assert.equal(canonicalCitation(data, pp, 'ins', true), 'Постановлением Правительства РФ от 11.10.2023 № 1678 «Об утверждении Правил применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий при реализации образовательных программ»');
    assert.match(canonicalCitation(data, act('fz-273'), 'gen', false), /^федерального закона от 29\.12\.2012 № 273-ФЗ «Об образовании в Российской Федерации»$/);
    assert.equal(canonicalCitation(data, act('rp-1880-r'), 'dat', true, '12 июля 2024'), 'Распоряжению Правительства РФ от 12 июля 2025 № 1880-р');
  });

  it('titles: abbreviations and shortenings pass, other titles do not', () => {
    assert.equal(titleVerdict(act('fz-273'), 'Об образовании в РФ'), 'ok');
    assert.equal(titleVerdict(act('fz-156'), 'О создании многофункционального сервиса обмена информацией'), 'ok');
    assert.equal(titleVerdict(act('fz-156'), 'О создании многофункционального сервиса обмена'), 'ok');
    assert.equal(titleVerdict(act('fz-156'), 'О создании многофункционального сервиса обмена инфо'), 'wrong');
    assert.equal(titleVerdict(act('fz-273'), 'Об образовании'), 'wrong');
    assert.equal(titleVerdict(act('fz-149'), 'Об информации, информатизации и защите информации'), 'known-wrong');
  });

  it('another act with the same number is not a wrong date', () => {
    const [c] = parseCitations('Федеральный закон от 25.12.2008 № 273-ФЗ «О противодействии коррупции»', data.issuers);
    assert.equal(resolveCitation(data, c!).act, undefined);
    const [d] = parseCitations('Постановление Правительства РФ от 01.12.2015 № 1678', data.issuers);
    assert.equal(resolveCitation(data, d!).act, undefined);
  });

  it('the registry is extendable from the workspace: a new act is matched and checked', () => {
    const knowledge = getKnowledge({ acts: { acts: [{ id: 'fz-99', kind: 'federal-law', number: '99-ФЗ', date: '2011-05-04', title: 'О лицензировании отдельных видов деятельности', titleStatus: 'official', history: [{ from: '2011-11-03', status: 'in-force' }], confidence: 'verified', sources: ['тест'] }] } });
    const d = actsData(knowledge);
    assert.ok(d.acts.length === data.acts.length + 1);
    const [c] = parseCitations('Федеральный закон от 05.05.2011 № 99-ФЗ', d.issuers);
    const r = resolveCitation(d, c!);
    assert.equal(r.act?.id, 'fz-99');
    assert.ok(r.wrongDate);
  });
});

describe('legal editor help (service level)', () => {
  const service = createRegulationService();
  const text = [
    'УТВЕРЖДАЮ', 'Директор', '01.09.2025', '', 'ПОЛОЖЕНИЕ', 'об использовании ИКОП «Сферум»', '', '1. Общие положения', '',
    '1.1. Положение разработано на основании:', '',
    '- Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;',
    '- СП 2.4.3648-20;',
    '- перс', '',
  ].join('\n');
  const analysis = service.analyzeText(text, normalizeSettings({ asOf: '2026-11-21' }));

  it('hover: title, status as of the check date, approval date, confidence, source', () => {
    const h = citationHoverAt(analysis, text.indexOf('273-ФЗ'));
    assert.ok(h);
    assert.match(h.markdown, /\*\*Федеральный закон от 29\.12\.2012 № 273-ФЗ «Об образовании в Российской Федерации»\*\*/);
    assert.match(h.markdown, /Статус на 21\.11\.2026 \(дата проверки\): действует с 01\.09\.2013/);
    assert.match(h.markdown, /На дату утверждения документа 01\.09\.2025: действует/);
    assert.match(h.markdown, /Достоверность: проверено по официальным источникам/);
    assert.match(h.markdown, /pravo\.gov\.ru/);
    const sp = citationHoverAt(analysis, text.indexOf('СП 2.4'));
    assert.match(sp!.markdown, /действует с 01\.01\.2021, до 01\.01\.2027/);
    assert.equal(citationHoverAt(analysis, text.indexOf('Общие')), undefined);
  });

  it('completion: a word in the basis list offers canonical citations in the list\'s case', () => {
    const items = citationCompletions(analysis, text.indexOf('перс') + 4);
    assert.deepEqual(items.map((i) => i.insertText), ['Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»']);
    assert.deepEqual(items[0]!.range, { start: text.indexOf('перс'), end: text.indexOf('перс') + 4 });
    assert.deepEqual(citationCompletions(analysis, text.indexOf('Общие')), []);
  });
});

describe('legal basis-list snippets', () => {
  it('the committed snippets file equals the one generated from the registry', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'snippets/legal-basis.code-snippets'), 'utf8');
    assert.equal(committed, legalSnippetsFile(data), 'run `npm run generate:legal-snippets`');
  });

  it('offers only acts in force with no known end, in three cases', () => {
    const snippets = JSON.parse(legalSnippetsFile(data)) as Record<string, { prefix: string; body: string[] }>;
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.ok(prefixes.includes('нк-273') && prefixes.includes('нк-основание'));
    assert.ok(!prefixes.some((p) => /816|3266|2821|3648|542/.test(p)), prefixes.join(', '));
    assert.match(snippets['Ссылка: Федеральный закон от 29.12.2012 № 273-ФЗ']!.body[0]!, /^\$\{1\|Федеральный закон,Федерального закона,Федеральным законом\|\}/);
  });
});
