/**
 * Clean drafts and planted terminology and typography defects (issue 3 «Measured by»): every
 * clean draft in `test/fixtures/drafts/clean/` gives no warning or error of the terms/* and text/*
 * rules; a copy with ONE planted defect is reported on the right line by the right rule, and
 * fixing the copy with these rules restores the exact original text.
 *
 * Defects (each planted at up to four positions per draft — first, middle, last and one more —
 * so the figures measure the rules, not a hand-picked case):
 * - `MAX` → the Cyrillic lookalike `МАХ` (terms/canonical-spelling);
 * - `«Сферум»` → `«Сфера»` (terms/canonical-spelling);
 * - in an act about MAX, `MAX` in the body → a spelling of VK Мессенджер (terms/platform-mixup);
 * - one Cyrillic «о» of a word → Latin «o» (text/mixed-script);
 * - a correct phrase → its typo, from a reverse list written here independently of the
 *   dictionary (text/typo);
 * - «не» removed from a prohibition in a list of obligations (text/missing-negation; its fix is
 *   deliberately not applied by fix-all, so these cases count for detection only).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectPlatform } from '../../server/src/analysis/platform';
import { normalizeSettings } from '../../server/src/config';
import termsRules from '../../server/src/rules/terms';
import textRules from '../../server/src/rules/text';
import { createRegulationService } from '../../server/src/service';
import { applyEdits, collectFixAllEdits } from '../../server/src/util/edits';
import { FIXTURES } from '../helpers/fixtures';

const service = createRegulationService({ rules: [...termsRules, ...textRules] });
const SETTINGS = normalizeSettings({ asOf: '2025-10-01' });
const DRAFTS = path.join(FIXTURES, 'drafts', 'clean');

interface Plant {
  readonly original: string;
  readonly planted: string;
  /** 0-based line of the planted defect. */
  readonly line: number;
  readonly ruleId: string;
  readonly exact: boolean;
  readonly what: string;
}

/** Reverse typo list: a correct phrase found in a clean draft and the typo to plant (group 1 is replaced). */
const REVERSE_TYPOS: Array<[RegExp, string]> = [
  [/(?<=безвоз)(мезд)(?=н\p{L}* основ)/gu, 'душ'],
  [/(защищ[её]нн)(?=\p{L}* образовательн\p{L}* пространств)/gu, 'запущенн'],
  [/(?<=образовательн\p{L}{1,3} )(деятельност)/gu, 'длительност'],
  [/(организует)(?![\p{L}])/gu, 'организывает'],
  [/(организуют)(?![\p{L}])/gu, 'организывают'],
  [/(Skype)/gu, 'Slcype'],
  [/(?<=технической )(поддержки)/gu, 'поддержи'],
  [/(посредством)/gu, 'посредствам'],
  [/(?<=[Вв] )(соответствии)(?= с )/gu, 'соответствие'],
  [/(?<=для )(организации)(?= \p{L})/gu, 'организация'],
  [/(информационно-)(?=(?:технологическ|коммуникационн|телекоммуникационн))/gu, 'информационно'],
  [/(безопасност)/gu, 'безопастност'],
  [/(?<=согласно )(приказу|расписанию|плану|графику)/gu, '*'],
  [/(мессенджер)/gu, 'месенджер'],
  [/(законн)(?=(?:ых|ые|ым|ыми|ого|ой|ая|ую|ый)(?![\p{L}]))/gu, 'закон'],
  [/(обучающ)/gu, 'обучащ'],
  [/(педагог)/gu, 'педогог'],
  [/(электронн)(?=(?:ой|ого|ая|ую|ое|ых|ым|ыми)(?![\p{L}]))/gu, 'электрон'],
  [/(дистанционн)(?=(?:ого|ой|ая|ую|ое|ые|ых|ым|ыми)(?![\p{L}]))/gu, 'дистанцион'],
  [/(аккаунт)/gu, 'акаунт'],
  [/(ответственн)/gu, 'ответсвенн'],
  [/(?<=по )(окончании|истечении|завершении)/gu, '*'],
  [/(?<=в )(течение)(?= (?:\d|учебного|всего|одного|двух|трех|трёх|года|дня|недели|месяца))/gu, 'течении'],
];

/** The typo form for the «*» plans (a case ending changed). */
function starTypo(word: string): string {
  if (/у$/.test(word)) return word.replace(/у$/, 'а'); // приказу → приказа
  if (/ю$/.test(word)) return word.replace(/ю$/, 'я'); // расписанию → расписания
  return word.replace(/и$/, 'ю'); // окончании → окончанию
}

function drafts(): Array<{ name: string; text: string }> {
  return fs.readdirSync(DRAFTS).filter((f) => f.endsWith('.md')).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(DRAFTS, f), 'utf8') }));
}

function lineOf(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\r\n|\r|\n/g) ?? []).length;
}

/** Up to four positions: first, middle, last and the one after the first. */
function spread<T>(xs: readonly T[]): T[] {
  const idx = [0, xs.length >> 1, xs.length - 1, 1].filter((i) => i >= 0 && i < xs.length);
  return [...new Set(idx)].map((i) => xs[i]!);
}

function plants(): Plant[] {
  const out: Plant[] = [];
  for (const d of drafts()) {
    const { text, name } = d;
    const model = service.analyzeText(text, SETTINGS).model;
    const facts = detectPlatform(model, text);
    const body = model.bodyStart;
    const add = (start: number, end: number, newText: string, ruleId: string, exact = true): void => {
      const planted = text.slice(0, start) + newText + text.slice(end);
      out.push({ original: text, planted, line: lineOf(text, start), ruleId, exact, what: `${name}:${lineOf(text, start) + 1} «${text.slice(start, end)}» → «${newText}» (${ruleId})` });
    };
    const urls = [...text.matchAll(/\S+@\S+|https?:\/\/\S+|\S+\.ru\b/gu)].map((m) => [m.index!, m.index! + m[0].length] as const);
    const inUrl = (o: number): boolean => urls.some(([a, b]) => o >= a && o < b);

    for (const m of spread([...text.matchAll(/(?<![\p{L}])MAX(?![\p{L}])/gu)].filter((m) => !inUrl(m.index!)))) {
      add(m.index!, m.index! + 3, '\u041C\u0410\u0425', 'terms/canonical-spelling');
    }
    for (const m of spread([...text.matchAll(/«Сферум»/gu)])) add(m.index! + 1, m.index! + 7, 'Сфера', 'terms/canonical-spelling');
    if (facts.platform === 'max') {
      const hist = /до\s+перехода|ранее|перенос|использовавш|вместо|был/iu;
      const candidates = [...text.matchAll(/(?<![\p{L}])MAX(?![\p{L}])/gu)].filter((m) => {
        if (m.index! < body) return false;
        const lineStart = text.lastIndexOf('\n', m.index!) + 1;
        const lineEnd = text.indexOf('\n', m.index!);
        return !hist.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
      });
      const variants = ['VK Мессенджере', 'VK-мессенджера', 'ВК мессенджер', 'VK- мессенджером'];
      spread(candidates).forEach((m, i) => add(m.index!, m.index! + 3, variants[i % variants.length]!, 'terms/platform-mixup'));
    }
    const oWords = [...text.matchAll(/[\p{Script=Cyrillic}]*о[\p{Script=Cyrillic}]*/gu)].filter((m) => m.index! >= body && m[0].length >= 4 && !inUrl(m.index!));
    for (const m of spread(oWords)) {
      const i = m.index! + m[0].indexOf('о', 1 + (m[0].length >> 2)) ;
      const at = text[i] === 'о' ? i : m.index! + m[0].indexOf('о');
      add(at, at + 1, 'o', 'text/mixed-script');
    }
    for (const [re, typo] of REVERSE_TYPOS) {
      const found = [...text.matchAll(re)].filter((m) => m.index! >= body && !inUrl(m.index!));
      for (const m of spread(found).slice(0, 2)) {
        const start = m.index! + m[0].indexOf(m[1]!);
        add(start, start + m[1]!.length, typo === '*' ? starTypo(m[1]!) : typo, 'text/typo');
      }
    }
    // «не» removed from a prohibition in a list of obligations.
    const lines = text.split(/\r\n|\r|\n/);
    let offset = 0;
    let inObligations = false;
    const negations: Array<{ start: number }> = [];
    for (const l of lines) {
      if (/обязан[аоы]?[\s*]*:[\s*]*$/iu.test(l)) inObligations = true;
      else if (/^\s*(?:\d+\.)+\d*\.?\s/u.test(l) && !/^\s*(?:\d+\.){2,}/.test(l)) inObligations = /обязан[аоы]?[\s*]*:/iu.test(l);
      const m = /^(\s*(?:[-–—·•*]|\d+\.\d+\.\d+\.?)\s*)не (?=(?:осуществлять|размещать|распространять|предоставлять|передавать|сообщать|публиковать|использовать))/u.exec(l);
      if (inObligations && m) negations.push({ start: offset + m[1]!.length });
      offset += l.length + (text.slice(offset + l.length, offset + l.length + 2) === '\r\n' ? 2 : 1);
    }
    for (const n of spread(negations)) add(n.start, n.start + 3, '', 'text/missing-negation', false);
  }
  return out;
}

/** Applies the preferred fixes of the terms/text rules until nothing changes. */
function fixAll(text: string): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const edits = collectFixAllEdits(service.analyzeText(current, SETTINGS).findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return current;
}

describe('terms/* and text/* on clean drafts with planted defects', function () {
  this.timeout(180000);

  it('has at least six clean drafts', () => {
    assert.ok(drafts().length >= 6, `only ${drafts().length} clean drafts`);
  });

  it('reports no warning or error on the clean drafts (checked as of 2025-10-01 and 2026-06-01)', () => {
    for (const asOf of ['2025-10-01', '2026-06-01']) {
      for (const d of drafts()) {
        const bad = service.analyzeText(d.text, normalizeSettings({ asOf })).findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
        assert.deepEqual(bad.map((f) => `${f.ruleId}: ${f.message}`), [], d.name);
      }
    }
  });

  const all = plants();
  const missed: string[] = [];
  const wrong: string[] = [];
  const byRule = new Map<string, number>();
  let exactCount = 0;
  before(() => {
    for (const p of all) {
      byRule.set(p.ruleId, (byRule.get(p.ruleId) ?? 0) + 1);
      const a = service.analyzeText(p.planted, SETTINGS);
      if (!a.findings.some((f) => f.ruleId === p.ruleId && a.model.lineAt(f.range.start) === p.line)) missed.push(p.what);
      if (p.exact) {
        exactCount++;
        if (fixAll(p.planted) !== p.original) wrong.push(p.what);
      }
    }
  });

  it('plants enough defects of every kind to measure', () => {
    // eslint-disable-next-line no-console
    console.log(`      terms/text planted: ${all.length} defects (${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}), missed ${missed.length}; exactly fixable ${exactCount}, not restored ${wrong.length}`);
    assert.ok(all.length >= 150, `only ${all.length} planted defects`);
    for (const rule of ['terms/canonical-spelling', 'terms/platform-mixup', 'text/mixed-script', 'text/typo', 'text/missing-negation']) {
      assert.ok((byRule.get(rule) ?? 0) >= 4, `too few plants for ${rule}: ${byRule.get(rule) ?? 0}`);
    }
  });

  it('finds ≥ 95% of the planted defects on the right line, by the right rule', () => {
    const ratio = 1 - missed.length / all.length;
    if (missed.length > 0) console.log(`      missed:\n${missed.join('\n')}`); // eslint-disable-line no-console
    assert.ok(ratio >= 0.95, `found ${(ratio * 100).toFixed(1)}% of ${all.length}; missed:\n${missed.join('\n')}`);
  });

  it('restores the exact original text in ≥ 95% of the exactly-fixable cases', () => {
    const ratio = 1 - wrong.length / exactCount;
    assert.ok(ratio >= 0.95, `restored ${(ratio * 100).toFixed(1)}% of ${exactCount}; wrong:\n${wrong.join('\n')}`);
  });
});
