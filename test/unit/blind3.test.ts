/**
 * Third blind check (issues 2–5 «Measured by»): six drafts in `test/fixtures/drafts/blind3/`
 * written for this test only, imitating published acts of other regions — a Krasnoyarsk college
 * MAX act with «куратор учебной группы» and a stamp table, a Moscow-region school VK-era act with
 * «учебный профиль», a gymnasium with a two-column stamp table «Принято на заседании
 * педагогического совета протокол № 1 от …», citations in varied forms («ФЗ-152», quoted title
 * before the date, `N`, «11.10.2023г.», «СанПиН 1.2.3685 -21»), a lyceum defining both
 * «обучающиеся» and «учащиеся», and a PDF/Word conversion with hard-wrapped lines, a Word
 * bookmark and page footers.
 *
 * - Each draft, checked as of 2026-01-15 with all rules, has no warning and no error.
 * - Copies with ONE planted defect each (Cyrillic «МАХ», «Сфера», a VK Мессенджер instruction
 *   in a MAX act, a role of the other institution kind in an inflected form, a wrong 273-ФЗ date,
 *   the superseded Приказ № 816 added to the basis, a duplicate clause number, the final section
 *   removed) are reported by the expected rule on the planted line.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings } from '../../server/src/config';
import { createRegulationService } from '../../server/src/service';
import { FIXTURES } from '../helpers/fixtures';

const service = createRegulationService();
const SETTINGS = normalizeSettings({ asOf: '2026-01-15' });
const DIR = path.join(FIXTURES, 'drafts', 'blind3');
const drafts = fs.readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
const read = (f: string): string => fs.readFileSync(path.join(DIR, f), 'utf8');
const lineOf = (text: string, offset: number): number => (text.slice(0, offset).match(/\r\n|\r|\n/g) ?? []).length;

interface Plant {
  readonly kind: string;
  readonly ruleId: string;
  /** The planted text and the offset the finding's line must hold, or undefined when not planted. */
  plant(text: string): { text: string; at: number } | undefined;
}

/** Replaces the first match of `re` at or after `from` with `to(match)`. */
function replaceFirst(text: string, re: RegExp, to: (m: RegExpExecArray) => string, from = 0): { text: string; at: number } | undefined {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  g.lastIndex = from;
  const m = g.exec(text);
  if (!m) return undefined;
  return { text: text.slice(0, m.index) + to(m) + text.slice(m.index + m[0].length), at: m.index };
}

/** Offset after the title (the first «ПОЛОЖЕНИЕ» line and the next block). */
const bodyFrom = (text: string): number => text.search(/^\s*(?:##\s*)?1\.\s/mu);

const isCollege = (text: string): boolean => /колледж|техникум/iu.test(text.slice(0, 600));
const isMax = (text: string): boolean => /мессенджере MAX/u.test(text.slice(0, 1500));

const PLANTS: Plant[] = [
  {
    kind: 'Cyrillic «МАХ»', ruleId: 'terms/canonical-spelling',
    plant: (t) => (isMax(t) ? replaceFirst(t, /(?<![\p{L}])MAX(?![\p{L}])/u, () => '\u041C\u0410\u0425', bodyFrom(t) + 40) : undefined),
  },
  { kind: '«Сфера»', ruleId: 'terms/canonical-spelling', plant: (t) => replaceFirst(t, /(?<=ИКОП «)Сферум(?=»)/u, () => 'Сфера', bodyFrom(t) + 200) },
  {
    kind: 'VK instruction in a MAX act', ruleId: 'terms/platform-mixup',
    plant: (t) => (isMax(t) ? replaceFirst(t, /создает (чат)/u, (m) => `создает в VK Мессенджере ${m[1]}`) : undefined),
  },
  {
    kind: 'role of the other institution kind, inflected', ruleId: 'roles/institution-mismatch',
    plant: (t) => (isCollege(t)
      ? replaceFirst(t, /кураторам учебных групп/u, () => 'классным руководителям', bodyFrom(t))
      : replaceFirst(t, /классным руководителям|классному руководителю/u, (m) => (m[0] === 'классным руководителям' ? 'кураторам' : 'куратору'), bodyFrom(t))),
  },
  { kind: 'wrong 273-ФЗ date', ruleId: 'legal/wrong-date', plant: (t) => replaceFirst(t, /29\.12\.2012/u, () => '28.12.2012') },
  {
    kind: 'Приказ № 816 added', ruleId: 'legal/repealed',
    plant: (t) => {
      const p = '23.08.2017 № 816 «Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий при реализации образовательных программ»';
      const item = /^([-–] )(Федеральн\p{L}+ закон\p{L}*)[^\n]*(273-ФЗ)[^\n]*\n/mu.exec(t);
      if (item) {
        const cased = item[2]!.startsWith('Федеральным') ? 'приказом' : item[2]!.startsWith('Федеральный') ? 'Приказ' : 'приказа';
        const at = item.index + item[0].length;
        return { text: t.slice(0, at) + `${item[1]}${cased} Минобрнауки России от ${p};\n` + t.slice(at), at };
      }
      const run = /(Федеральн\p{L}+) закон\p{L}* от 29\.12\.2012 № 273-ФЗ «Об образовании в Российской\s+Федерации»,/u.exec(t);
      if (!run) return undefined;
      const cased = run[1] === 'Федеральным' ? 'приказом' : run[1] === 'Федеральный' ? 'приказ' : 'приказа';
      const at = run.index + run[0].length;
      return { text: t.slice(0, at) + ` ${cased} Минобрнауки России от ${p},` + t.slice(at), at: at + 1 };
    },
  },
  {
    kind: 'duplicate clause number', ruleId: 'numbering/duplicate',
    plant: (t) => replaceFirst(t, /^(\d)\.2\.(?=[ \u00a0])/mu, (m) => `${m[1]}.1.`, bodyFrom(t)),
  },
  {
    kind: 'final section removed', ruleId: 'structure/required-sections',
    plant: (t) => {
      const m = /^(?:## )?\d+\. (?:Заключительные положения|ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ)[^\n]*\n[\s\S]*?(?=\n\n[^\n]*страница \d+ из \d+|$)/mu.exec(t);
      if (!m) return undefined;
      return { text: t.slice(0, m.index) + t.slice(m.index + m[0].length), at: -1 };
    },
  },
];

describe('blind drafts 3: drafts of other regions', () => {
  it('has six drafts', () => assert.equal(drafts.length, 6));

  for (const f of drafts) {
    it(`${f}: no warning or error as of 2026-01-15`, () => {
      const bad = service.analyzeText(read(f), SETTINGS).findings.filter((x) => x.severity === 'warning' || x.severity === 'error');
      assert.deepEqual(bad.map((x) => `${x.ruleId}: ${x.message}`), []);
    });
  }

  it('reads «ФЗ-152 «…» от …» (number written the other way round): a wrong date is an error on its line', () => {
    const f = 'sosh-pravovaya-osnova-citations-max.md';
    const original = read(f);
    const at = original.indexOf('от 27.07.2006;');
    assert.ok(at > 0 && original.slice(original.lastIndexOf('\n', at), at).includes('ФЗ-152'));
    const text = original.slice(0, at) + 'от 27.07.2007;' + original.slice(at + 'от 27.07.2006;'.length);
    const found = service.analyzeText(text, SETTINGS).findings.filter((x) => x.ruleId === 'legal/wrong-date');
    assert.deepEqual(found.map((x) => lineOf(text, x.range.start)), [lineOf(text, at)]);
    assert.equal(service.fixAll(text, SETTINGS).text, original);
  });

  for (const p of PLANTS) {
    it(`finds the planted defect «${p.kind}» on its line in every draft it applies to`, () => {
      let planted = 0;
      const misses: string[] = [];
      for (const f of drafts) {
        const original = read(f);
        const r = p.plant(original);
        if (!r) continue;
        assert.notEqual(r.text, original);
        planted++;
        const found = service.analyzeText(r.text, SETTINGS).findings.filter((x) => x.ruleId === p.ruleId);
        const ok = r.at < 0 ? found.length > 0 : found.some((x) => lineOf(r.text, x.range.start) === lineOf(r.text, r.at));
        if (!ok) misses.push(`${f}:${r.at < 0 ? '-' : lineOf(r.text, r.at) + 1} → ${found.map((x) => `${lineOf(r.text, x.range.start) + 1} ${x.message}`).join('; ') || 'nothing'}`);
      }
      assert.ok(planted >= 3, `planted only ${planted}`);
      if (process.env.BLIND3_VERBOSE) console.log(`      ${p.kind}: found ${planted - misses.length}/${planted}`);
      assert.deepEqual(misses, []);
    });
  }
});
