/**
 * Differential property tests for the engine's fast paths: each one is compared, on random inputs
 * (fast-check, fixed seed), with the plain regex search or naive loop it replaced, written out
 * here from the replaced code. A divergence is a real bug: the fast path must be exactly equivalent.
 *
 * - roles: `requiredLiterals` / `literalScan` / `firstMatchFrom` vs a global `exec` from the same start;
 * - citations: `parseCitations` (literal pre-search before the anchor regexes) vs the anchor regexes
 *   alone (the pre-optimisation sources), plus shift invariance and planted citations;
 * - clause numbers: `readClauseNumber` vs the regex-based reader it replaced;
 * - white space: the char-code tests of `model/lines.ts` and `model/clauseTree.ts` (not exported:
 *   checked through `classifyText` and `buildModel`) vs the regexes they replaced, on every UTF-16 code unit.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import actsJson from '../../server/data/acts.json';
import { firstMatchFrom, literalHits, literalScan, literalSet, requiredLiterals, rolesData } from '../../server/src/analysis/rolesData';
import { parseCitations } from '../../server/src/legal/citations';
import { KIND_RE, WS0 } from '../../server/src/legal/grammar';
import type { ActsData, Citation } from '../../server/src/legal/types';
import { readClauseNumber } from '../../server/src/model/clauseNumber';
import { buildModel } from '../../server/src/model/clauseTree';
import { classifyText } from '../../server/src/model/lines';
import { isPlainCode as refsPlainCode, wordAt as refsWordAt } from '../../server/src/model/references';
import type { ClauseNumber } from '../../server/src/model/types';
import { findForms, paradigm, paradigmIds } from '../../server/src/morph';
import { inlineCodeRanges, linkDestinations, linkRanges, protectedZones } from '../../server/src/analysis/zones';
import { displayPath } from '../../server/src/cli/files';
import { SHARED_CORPUS } from '../helpers/fixtures';

/** The shared real drafts (`../shared/corpus`, beside the project), sorted by name; there must be some. */
function sharedDrafts(): Array<{ name: string; text: string }> {
  const names = fs.readdirSync(SHARED_CORPUS).filter((f) => f.endsWith('.md')).sort();
  assert.ok(names.length > 0, `no drafts in ${SHARED_CORPUS}`);
  return names.map((name) => ({ name, text: fs.readFileSync(path.join(SHARED_CORPUS, name), 'utf8') }));
}

/** The code several fast paths replaced: each pattern compiled with `iu` (an invalid one ignored), tried one by one. */
function anyPatternIu(patterns: readonly string[], s: string): boolean {
  return patterns.some((p) => {
    try {
      return new RegExp(p, 'iu').test(s);
    } catch {
      return false;
    }
  });
}

const SEED = 20261121;
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/**
 * Property: `union(patterns, s)` answers as {@link anyPatternIu} for every list of `lists`, on
 * texts of up to `maxLength` of `words` joined by spaces (with `glued`, also joined without).
 */
function agreesWithAnyPatternIu(union: (patterns: readonly string[], s: string) => boolean, lists: readonly (readonly string[])[], words: readonly string[], maxLength: number, numRuns: number, glued = false): void {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { maxLength }), fc.nat(lists.length - 1), fc.boolean(), (parts, k, spaced) => {
      const s = parts.join(spaced || !glued ? ' ' : '');
      assert.equal(union(lists[k]!, s), anyPatternIu(lists[k]!, s), `${JSON.stringify(lists[k])} on ${JSON.stringify(s)}`);
    }),
    params(numRuns),
  );
}

/** Random text from weighted pieces, glued with nothing in between (adjacency matters). */
const textOf = (pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...pieces), { maxLength }).map((a) => a.join(''));

// ---------------------------------------------------------------------------------------------
// Roles: literal pre-scan before institution markers
// ---------------------------------------------------------------------------------------------

/** The reference: a global scan from `from`, skipping empty matches (institution.ts `firstMatch`). */
function referenceFirstMatch(source: string, flags: string, text: string, from: number): { start: number; end: number } | undefined {
  const re = new RegExp(source, flags + 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

const ROLE_PIECES = [
  'ПОУ', 'СПО', 'СПОУ', 'ГБПОУ', 'ГАПОУ', 'МБОУ', 'СОШ', 'СОШ№', 'ПО', 'ОУ', 'С', 'П', 'О', 'У', 'Г', 'Б', 'пои', 'спо',
  'школа', 'школе', 'Школы', 'колледж', 'Техникума', 'лицей', 'лицея', 'гимназия', 'общешкольный', 'студенты', 'студенческий',
  'профессиональный', 'политехнический', 'аграрный', 'мастер', 'производственного', 'обучения', 'основного', 'общего',
  'образования', 'образовательное', 'учреждение', 'организации', 'и', 'в',
  ' ', ' ', ' ', '\u00a0', '\u00a0', '\n', '\r\n', '\t', '«', '»', '"', '-', '.', '1', '😀', '𝐀', '\ud83d', '\ude00', 'ſ', 'ᲂ',
];
const roleText = textOf(ROLE_PIECES, 30);

const MARKERS = (() => {
  const m = rolesData(undefined).institutionMarkers;
  return [...m.school, ...m.college].map((x) => ({ id: x.id, source: x.pattern, flags: x.caseSensitive ? 'u' : 'iu' }));
})();

/** Random data expressions of the shape the roles data uses: short, groups nested at most two deep. */
const QUANTIFIERS = ['', '', '', '', '', '', '?', '*', '+', '{0,4}', '{2}', '{1,3}', '??', '{0,2}'];
const ZERO_WIDTH = ['(?<![\\p{L}])', '(?![\\p{L}])', '(?=О)', '(?<!С)', '\\b', '^', '$'];
const quantified = (atom: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(atom, fc.constantFrom(...QUANTIFIERS)).map(([a, q]) => a + q);
const basicAtom = fc.oneof(
  // No astral literal here: firstMatchFrom loops forever on one (see the test below); `.`/`\\p{L}` still meet astral text.
  quantified(fc.constantFrom('ПОУ', 'СПО', 'школ', 'О', 'У', 'а', ' ', '-', '[А-ЯЁ]', '[\\s\\u00a0]', '\\p{L}', '.', '\\s', '[«"]')),
  fc.constantFrom(...ZERO_WIDTH),
);
/** Groups take bounded quantifiers only: `(?:\\s*)+` would backtrack exponentially in the reference scan. */
const groupOf = (atom: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.array(atom, { minLength: 1, maxLength: 3 }).map((x) => x.join('')), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      fc.constantFrom('', '', '', '?', '{2}', '{0,2}', '{1,3}'),
    )
    .map(([alts, capture, q]) => `(${capture ? '' : '?:'}${alts.join('|')})${q}`);
const atom1 = fc.oneof({ weight: 3, arbitrary: basicAtom }, { weight: 1, arbitrary: groupOf(basicAtom) });
const atom2 = fc.oneof({ weight: 3, arbitrary: atom1 }, { weight: 1, arbitrary: groupOf(atom1) });
/** Only expressions the fast path takes (a literal every match holds, found by `requiredLiterals`). */
const randomPattern = fc
  .array(fc.array(atom2, { minLength: 1, maxLength: 4 }).map((x) => x.join('')), { minLength: 1, maxLength: 3 })
  .map((alts) => alts.join('|'))
  .filter((p) => literalScan(p, 'u') !== null);

/** `text` with the literals inserted at the given places (so that the expressions do match). */
function withLiterals(text: string, literals: readonly string[], inserts: ReadonlyArray<readonly [number, number]>): string {
  if (literals.length === 0) return text;
  for (const [which, at] of inserts) {
    const p = at % (text.length + 1);
    text = text.slice(0, p) + literals[which % literals.length]! + text.slice(p);
  }
  return text;
}

describe('fast paths: roles literal pre-scan', () => {
  it('the data markers have a literal scan (the fast path is exercised)', () => {
    const abbr = MARKERS.find((m) => m.id === 'college-abbr');
    assert.ok(abbr, 'college-abbr marker');
    const req = requiredLiterals(abbr.source);
    assert.deepEqual([...(req?.literals ?? [])].sort(), ['ПОУ', 'СПО']);
    assert.ok(MARKERS.filter((m) => literalScan(m.source, m.flags)).length >= 5);
  });

  it('firstMatchFrom on every data marker = a global exec, from every start', () => {
    fc.assert(
      fc.property(roleText, fc.constantFrom(...MARKERS), (text, marker) => {
        const scan = literalScan(marker.source, marker.flags);
        if (!scan) return;
        for (let from = 0; from <= text.length; from++) {
          assert.deepEqual(firstMatchFrom(scan, text, from), referenceFirstMatch(marker.source, marker.flags, text, from), `${marker.id} from ${from} in ${JSON.stringify(text)}`);
        }
      }),
      params(200),
    );
  });

  it('firstMatchFrom on random expressions = a global exec, from every start', () => {
    fc.assert(
      fc.property(randomPattern, fc.constantFrom('u', 'iu'), roleText, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }), (source, flags, raw, inserts) => {
        const scan = literalScan(source, flags);
        if (!scan) return;
        const text = withLiterals(raw, requiredLiterals(source)?.literals ?? [], inserts);
        for (let from = 0; from <= text.length; from++) {
          assert.deepEqual(firstMatchFrom(scan, text, from), referenceFirstMatch(source, flags, text, from), `/${source}/${flags} from ${from} in ${JSON.stringify(text)}`);
        }
      }),
      params(150),
    );
  });

  it('firstMatchFrom returns when a literal is an astral character (run in a child process: a hang fails it)', () => {
    // `/😀[ ]/iu` on «😀x»: the literal `😀` is found, the expression fails there; the pre-scan resumes
    // inside the surrogate pair, and V8 (`/iu`, or `/u` with an alternation) backs up to the pair
    // start: the same literal again, for ever. A global exec finds nothing (or the later match).
    const mod = require.resolve('../../server/src/analysis/rolesData');
    const cases: Array<[string, string, string]> = [['😀[ ]', 'u', '😀x'], ['😀[ ]', 'iu', '😀x'], ['😀[ ]|а', 'u', '😀x'], ['😀[ ]', 'iu', '😀x 😀 ']];
    for (const [src, flags, text] of cases) {
      const script = `const r = require(${JSON.stringify(mod)}); process.stdout.write(JSON.stringify(r.firstMatchFrom(r.literalScan(${JSON.stringify(src)}, ${JSON.stringify(flags)}), ${JSON.stringify(text)}, 0) ?? null));`;
      const run = spawnSync(process.execPath, ['-e', script], { timeout: 1500, encoding: 'utf8' });
      const what = `firstMatchFrom(literalScan(${JSON.stringify(src)}, ${JSON.stringify(flags)}), ${JSON.stringify(text)}, 0)`;
      assert.equal(run.signal, null, `${what} did not return within 1.5 s`);
      assert.deepEqual(JSON.parse(run.stdout) ?? undefined, referenceFirstMatch(src, flags, text, 0), what);
    }
  });

  it('requiredLiterals: every match contains one of the literals, at most `reach` code units after its start', () => {
    fc.assert(
      fc.property(randomPattern, fc.constantFrom('u', 'iu'), roleText, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }), (source, flags, raw, inserts) => {
        const req = requiredLiterals(source);
        if (!req) return;
        const text = withLiterals(raw, req.literals, inserts);
        let re: RegExp;
        try { re = new RegExp(source, flags + 'g'); } catch { return; }
        const lits = req.literals.map((l) => new RegExp(l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), flags + 'y'));
        for (const m of text.matchAll(re)) {
          if (m[0].length === 0) continue;
          const start = m.index;
          const end = start + m[0].length;
          const last = Math.min(end, req.reach === undefined ? end : start + req.reach);
          let found = false;
          for (let p = start; p <= last && !found; p++) {
            for (const l of lits) {
              l.lastIndex = p;
              const lm = l.exec(text);
              if (lm && p + lm[0].length <= end) { found = true; break; }
            }
          }
          assert.ok(found, `/${source}/${flags}: match ${JSON.stringify(m[0])} at ${start} holds none of ${JSON.stringify(req)}`);
        }
      }),
      params(300),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Citations: literal pre-search before the anchor regexes
// ---------------------------------------------------------------------------------------------

const data = actsJson as unknown as ActsData;
const parse = (s: string, from?: number, to?: number): Citation[] => parseCitations(s, data.issuers, from, to);

/* The anchor regexes before the pre-search (commit 535803d), scanned globally: the reference. */
const START = String.raw`(?<![\p{L}\p{N}])`;
const SIGN = String.raw`(?:№№?|N[oо]\.?|N(?=[^\S\r\n]*\p{N})|N(?=[^\S\r\n]+\p{Lu}))`;
const OLD_FZ_ANCHOR_RE = new RegExp(String.raw`(?=[№n\d])${START}(?:(${SIGN})${WS0})?(\d{1,5}[^\S\r\n]*[-–—][^\S\r\n]*(?:ФКЗ|Ф[З3]))(?![\p{L}\p{N}])`, 'giu');
const OLD_FZ_REVERSED_RE = new RegExp(String.raw`(?=[ф])(?<![\p{L}\p{N}\-–—])()(Ф[З3](?:[^\S\r\n]*[-–—][^\S\r\n]*|[^\S\r\n]*№[^\S\r\n]*)\d{1,5})(?![\p{L}\p{N}]|[-–—/.]\p{N})`, 'giu');
const OLD_CODE_RE = new RegExp(String.raw`(?=[смг])${START}(СанПиН|СП|МР|ГН)${WS0}(\d+(?:\.\d+)*(?:\/\d+(?:\.\d+)*)*[^\S\r\n]*[-–—][^\S\r\n]*\d{2})(?![\p{N}])`, 'giu');
const OLD_KIND_RE = new RegExp(`(?=[фзпру])${KIND_RE.source}`, KIND_RE.flags);

const matches = (re: RegExp, s: string): Array<{ start: number; end: number }> => [...s.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

const CITE_PIECES = [
  'Федеральный закон', 'федерального закона', 'Федеральным законом', 'закон', 'Закон РФ', 'Закона Российской Федерации',
  'постановление', 'Постановлением Правительства РФ', 'приказ', 'Приказом Минпросвещения России', 'распоряжение', 'письмо', 'писем', 'указ',
  'указом Президента', 'от', 'от 29.12.2012', '29.12.2012', 'г.', '№', '№ ', 'N', 'No', 'n', '273', '152', '1', '12345', '123456',
  '-', '–', '—', '- ', ' -', 'ФЗ', 'Ф3', 'ФКЗ', 'фз', 'р', 'СП', 'СанПиН', 'МР', 'ГН', 'сп', '2.4.3648', '1.2.3685', '/', '.', '20', '21', '-20', '-21',
  '273-ФЗ', '№ 273-ФЗ', '№273 - Ф3', 'N 152-ФЗ', 'ФЗ-152', 'ФЗ № 152', 'СП 2.4.3648-20', 'СанПиН 1.2.3685 – 21', 'сп 1/2.3-20', '2.4.3648-20', ' от 29.12.2012 № 273-ФЗ',
  '«Об образовании»', '«', '»', 'ст. 30', 'ч. 3', 'далее –', 'Абв', 'текст', 'а', 'Ф', 'З', 'С', '7',
  ' ', ' ', ' ', ' ', '\u00a0', '\t', '\n', '\n', '\r\n', '\r', '😀', '\u2028',
];
const citeText = textOf(CITE_PIECES, 40);
/** Neutral lines: no kind word, digit, sign, dash or quote. */
const neutral = fc.array(fc.constantFrom('Абв', 'где', 'текст', 'слово', 'и', 'Пункт', ' ', ' ', '.', ','), { maxLength: 12 }).map((a) => a.join('') + '\n\n');

/** A citation as plain data (undefined parts dropped), every offset shifted by `n`. */
function shifted(c: Citation, n: number): unknown {
  return JSON.parse(JSON.stringify(c), (k, v: unknown) => ((k === 'start' || k === 'end') && typeof v === 'number' ? v + n : v));
}

describe('fast paths: citation anchors', () => {
  it('every anchor the regexes alone find (number, code) opens or lies in a citation; every citation opens at such an anchor', () => {
    fc.assert(
      fc.property(citeText, (text) => {
        const cites = parse(text);
        const fz = [...matches(OLD_FZ_ANCHOR_RE, text), ...matches(OLD_FZ_REVERSED_RE, text)];
        const codes = matches(OLD_CODE_RE, text);
        const kinds = matches(OLD_KIND_RE, text);
        for (const a of [...fz, ...codes]) {
          assert.ok(cites.some((c) => c.range.start <= a.start && a.start < c.range.end), `anchor ${JSON.stringify(text.slice(a.start, a.end))} at ${a.start} is in no citation of ${JSON.stringify(text)}`);
        }
        for (const c of cites) {
          const ok = c.kind
            ? kinds.some((k) => k.start === c.kind!.range.start && k.end === c.kind!.range.end)
            : (c.number !== undefined && fz.some((a) => a.end === c.number!.range.end)) || (c.code !== undefined && codes.some((a) => a.start === c.actRange.start));
          assert.ok(ok, `citation ${JSON.stringify(text.slice(c.range.start, c.range.end))} at ${c.range.start} opens at no anchor of the regexes in ${JSON.stringify(text)}`);
        }
      }),
      params(500),
    );
  });

  it('shift invariance: neutral text in front shifts every offset; `from` past it gives the same', () => {
    fc.assert(
      fc.property(neutral, citeText, (prefix, text) => {
        const base = parse(text).map((c) => shifted(c, prefix.length));
        assert.deepEqual(parse(prefix + text).map((c) => shifted(c, 0)), base, `prefix ${JSON.stringify(prefix)} + ${JSON.stringify(text)}`);
        assert.deepEqual(parse(prefix + text, prefix.length).map((c) => shifted(c, 0)), base, `from ${prefix.length} in ${JSON.stringify(prefix + text)}`);
      }),
      params(300),
    );
  });

  it('`to` before neutral text after it gives the same citations', () => {
    fc.assert(
      fc.property(citeText, neutral, (text, suffix) => {
        assert.deepEqual(parse(text + '\n\n' + suffix, 0, text.length), parse(text), `${JSON.stringify(text)} + ${JSON.stringify(suffix)}`);
      }),
      params(200),
    );
  });

  const PLANTS: Array<{ text: string; kind?: string; number?: string; code?: string; date?: string }> = [
    { text: 'Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»', kind: 'federal-law', number: '273-ФЗ', date: '2012-12-29' },
    { text: 'Федерального закона от 27.07.2006 №152-ФЗ', kind: 'federal-law', number: '152-ФЗ', date: '2006-07-27' },
    { text: '273-Ф3 от 29.12.2012', number: '273-ФЗ', date: '2012-12-29' },
    { text: 'ФЗ-152', number: '152-ФЗ' },
    { text: 'постановлением Правительства Российской Федерации от 11.10.2023 № 1678', kind: 'resolution', number: '1678', date: '2023-10-11' },
    { text: 'СП 2.4.3648-20', code: 'СП 2.4.3648-20' },
    { text: 'СанПиН 1.2.3685 – 21', code: 'СанПиН 1.2.3685-21' },
    { text: 'Закон РФ от 10.07.1992 № 3266-1', kind: 'law', number: '3266-1', date: '1992-07-10' },
  ];
  const filler = fc.array(fc.constantFrom('Абв', 'где', 'текст', 'слово', 'и', 'Пункт', 'ПОУ', ' ', ' ', '\u00a0', '.', ',', '😀'), { maxLength: 10 }).map((a) => a.join(''));

  it('planted citations in random text are all found, each at its own offset', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, fc.constantFrom(...PLANTS), fc.constantFrom('\n\n', '\n\n\n', '\r\n\r\n')), { minLength: 1, maxLength: 6 }), filler, (parts, tail) => {
        let text = '';
        const planted: Array<{ at: number; p: (typeof PLANTS)[number] }> = [];
        for (const [pre, p, sep] of parts) {
          text += pre + sep;
          planted.push({ at: text.length, p });
          text += p.text + sep;
        }
        text += tail;
        const cites = parse(text);
        assert.equal(cites.length, planted.length, `${cites.length} citations in ${JSON.stringify(text)}`);
        planted.forEach(({ at, p }, i) => {
          const c = cites[i]!;
          assert.equal(c.range.start, at, `start of ${p.text}`);
          assert.equal(c.range.end, at + p.text.length, `end of ${p.text}`);
          assert.equal(c.kind?.kind, p.kind);
          assert.equal(c.number?.normalized, p.number);
          assert.equal(c.code?.normalized, p.code);
          assert.equal(c.date?.iso, p.date);
        });
      }),
      params(200),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Clause numbers: char-code reader vs the regexes it replaced
// ---------------------------------------------------------------------------------------------

/** readClauseNumber before commit 58cdc1e, verbatim: the reference. */
const MAX_PART = 199;
const REF_NUMBER_AT_START = /^(\d{1,3}(?:\.\d{1,3}){0,9})(\\?\.)?/;
const REF_SPACED_NUMBER_AT_START = /^(\d{1,3}(?:[ \u00a0]?\.[ \u00a0]?\d{1,3}){1,9})[ \u00a0]?(\.)(?=[\s\u00a0]+[«"“*]?\p{Lu})/u;
function referenceClauseNumber(content: string, base: number): ClauseNumber | undefined {
  const sm = REF_SPACED_NUMBER_AT_START.exec(content);
  if (sm && /[ \u00a0]/.test(sm[0])) {
    const raw = sm[1]!.replace(/[ \u00a0]/g, '').split('.');
    const parts = raw.map(Number);
    if (parts.some((p, i) => p > MAX_PART || p === 0 || (raw[i]!.length > 1 && raw[i]![0] === '0'))) return undefined;
    return { text: raw.join('.'), parts, trailingDot: true, range: { start: base, end: base + sm[0].length } };
  }
  const m = REF_NUMBER_AT_START.exec(content);
  if (!m) return undefined;
  const digits = m[1]!;
  const trailingDot = m[2] !== undefined;
  const raw = digits.split('.');
  const parts = raw.map(Number);
  if (parts.some((p, i) => p > MAX_PART || (raw[i]!.length > 1 && raw[i]![0] === '0'))) return undefined;
  if (parts.length === 1 && !trailingDot) return undefined;
  if (parts.some((p) => p === 0) && parts.length === 1) return undefined;
  const after = content.slice(m[0].length);
  if (/^[а-яёa-z]\\?\)/u.test(after)) return undefined;
  const paren = !trailingDot && parts.length > 1 && /^\\?\)(?=[\s\u00a0]|$)/.test(after);
  if (!paren && after.length > 0 && !/^[\s\u00a0«"“*_(\p{L}]/u.test(after)) return undefined;
  return { text: digits, parts, trailingDot, range: { start: base, end: base + m[0].length } };
}

const NUMBER_PIECES = [
  '1', '2', '3', '9', '0', '01', '10', '12', '199', '200', '1999', '2025', '.', '.', '.', '\\.', '\\)', ')', '(', ' ', ' ', '\u00a0', '\t', '\n',
  'а', 'б', 'я', 'ё', 'a', 'z', 'Текст', 'текст', 'Общие', 'I', 'II', 'IV', 'X', '«', '"', '“', '*', '_', '-', ':', ';', '😀', '\u2028', 'млн',
];
/** Number-like heads: parts, dots with stray spaces (PDF), a closing dot or parenthesis, then what follows. */
const numberHead = fc
  .tuple(
    fc.array(fc.constantFrom('1', '2', '3', '9', '10', '12', '199', '200', '0', '01', '1234'), { minLength: 1, maxLength: 11 }),
    fc.array(fc.constantFrom('.', '.', '.', ' .', '. ', '\u00a0.', '.\u00a0', ' . ', '..'), { minLength: 11, maxLength: 11 }),
    fc.constantFrom('', '.', '.', '\\.', ' .', '\u00a0.', ')', '\\)'),
    fc.constantFrom('', ' ', '\t', '\u00a0', ' Текст', ' текст', ' «Общие', '\t*Права', 'Текст', 'а)', 'б\\)', ' 2025', '-', ':', '😀', '(', '\u2028', ' I'),
  )
  .map(([parts, dots, close, follow]) => parts.map((p, i) => (i === 0 ? p : dots[i - 1]! + p)).join('') + close + follow);
const numberLine = fc.oneof(
  numberHead,
  fc.tuple(numberHead, textOf(NUMBER_PIECES, 6)).map(([a, b]) => a + b),
  fc.tuple(fc.array(fc.constantFrom('1', '2', '3', '0', '12', '199', '.', ' ', '\u00a0'), { maxLength: 12 }), textOf(NUMBER_PIECES, 12)).map(([a, b]) => a.join('') + b),
);

describe('fast paths: clause numbers', () => {
  it('readClauseNumber = the regex-based reader it replaced', () => {
    fc.assert(
      fc.property(fc.oneof(numberLine, textOf(NUMBER_PIECES, 16)), fc.nat(1000), (line, base) => {
        assert.deepEqual(readClauseNumber(line, base), referenceClauseNumber(line, base), JSON.stringify(line));
      }),
      params(3000),
    );
  });

  it('the number it reads is its own text: range inside the line, re-read gives the same parts', () => {
    fc.assert(
      fc.property(fc.oneof(numberLine, textOf(NUMBER_PIECES, 16)), (line) => {
        const n = readClauseNumber(line, 0);
        if (!n) return;
        assert.ok(n.range.start === 0 && n.range.end <= line.length);
        assert.equal(line.slice(0, n.range.end).replace(/[ \u00a0]|\\(?=\.)/g, '').replace(/\.$/, ''), n.text);
        const again = readClauseNumber(n.text + (n.trailingDot ? '. Текст' : ' Текст'), 0);
        assert.deepEqual(again?.parts, n.parts, JSON.stringify(line));
      }),
      params(2000),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// White space: char-code tests vs the regexes they replaced, on every UTF-16 code unit
// ---------------------------------------------------------------------------------------------

const ALL_UNITS = Array.from({ length: 0x10000 }, (_, c) => c);

describe('fast paths: white-space tests on every UTF-16 code unit', () => {
  it('line content trimming (model/lines.ts isWs) = /[\\s\\u00a0\\u200b\\ufeff]/', () => {
    const bad: string[] = [];
    for (let k = 0; k < ALL_UNITS.length; k += 8192) {
      const chunk = ALL_UNITS.slice(k, k + 8192);
      let text = '';
      const at: number[] = [];
      for (const c of chunk) {
        at.push(text.length);
        text += 'абв' + String.fromCharCode(c) + '\n\n';
      }
      const byStart = new Map(classifyText(text).map((l) => [l.start, l]));
      chunk.forEach((c, i) => {
        const line = byStart.get(at[i]!);
        const ch = String.fromCharCode(c);
        // A trailing backslash is stripped too (a Markdown hard break).
        const trimmed = /[\s\u00a0\u200b\ufeff]/.test(ch) || ch === '\\';
        if (!line || line.contentEnd !== at[i]! + (trimmed ? 3 : 4)) bad.push(`U+${c.toString(16).padStart(4, '0')}`);
      });
    }
    assert.deepEqual(bad, []);
  });

  it('raw line trimming of page numbers (model/clauseTree.ts isWs) = String#trim (/\\s/)', () => {
    const bad: string[] = [];
    for (let k = 0; k < ALL_UNITS.length; k += 16384) {
      const chunk = ALL_UNITS.slice(k, k + 16384);
      let text = '';
      const at: number[] = [];
      for (const c of chunk) {
        at.push(text.length);
        text += '- 12 -' + String.fromCharCode(c) + '\n\n';
      }
      const debris = new Map(buildModel(text).debris.filter((d) => d.kind === 'page-number').map((d) => [d.range.start, d]));
      chunk.forEach((c, i) => {
        const d = debris.get(at[i]!);
        const ws = /\s/.test(String.fromCharCode(c));
        if (ws ? d?.range.end !== at[i]! + 6 : d !== undefined) bad.push(`U+${c.toString(16).padStart(4, '0')}`);
      });
    }
    assert.deepEqual(bad, []);
  });
});

describe('fast paths: Markdown links and comments (linear scans that replaced regexes)', () => {
  // Texts dense in the characters the link and comment syntax is made of.
  const linkText = fc.array(fc.constantFrom('[', ']', '(', ')', '](', '[a](', ' ', '"', 'a', 'б', '\n', '\u00a0', '\t', '<!--', '-->', '-', '!', '<', '>'), { maxLength: 60 }).map((parts) => parts.join(''));

  it('linkRanges = the matches of /\\[([^\\]\\n]*)\\]\\(([^)\\s]*)\\)/g', () => {
    const re = /\[([^\]\n]*)\]\(([^)\s]*)\)/g;
    fc.assert(
      fc.property(linkText, (text) => {
        const expected = [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
        assert.deepEqual(linkRanges(text), expected);
      }),
      params(3000),
    );
  });

  it('linkDestinations = group 1 of /\\]\\(([^)\\s]*)(?:\\s+"[^"]*")?\\)/g, placed as before', () => {
    const re = /\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g;
    fc.assert(
      fc.property(linkText, (text) => {
        const expected = [...text.matchAll(re)].map((m) => {
          const start = m.index + m[0].indexOf(m[1]!);
          return { start, end: start + m[1]!.length };
        });
        assert.deepEqual(linkDestinations(text), expected);
      }),
      params(3000),
    );
  });

  it('HTML comments as protected zones = the matches of /<!--[\\s\\S]*?-->/g', () => {
    const model = (text: string) => buildModel(text);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<!--', '-->', '<!-->', '--', '-', '>', 'a', ' ', '\n'), { maxLength: 40 }).map((p) => p.join('')), (text) => {
        const zones = protectedZones(model(text), text);
        for (const m of text.matchAll(/<!--[\s\S]*?-->/g)) {
          const inside = zones.some((z) => z.start <= m.index && z.end >= m.index + m[0].length);
          assert.ok(inside, `comment at ${m.index} is protected in ${JSON.stringify(text)}`);
        }
      }),
      params(2000),
    );
  });
});

describe('fast paths: inline code spans', () => {
  it('inlineCodeRanges = the matches of /(`+)[^`\\n][\\s\\S]*?\\1/g', () => {
    const re = /(`+)[^`\n][\s\S]*?\1/g;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('`', '``', '```', 'a', ' ', '\n', '\r', 'б'), { maxLength: 50 }).map((p) => p.join('')), (text) => {
        const expected = [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
        assert.deepEqual(inlineCodeRanges(text), expected, JSON.stringify(text));
      }),
      params(5000),
    );
  });
});

describe('fast paths: paradigm forms in plain-letter texts', () => {
  // findForms uses a cheap case-expanded pattern when the text has only plain Latin/Cyrillic
  // letters; one U+0345 anywhere sends the whole text to the full Unicode `iu` pattern. Both must
  // find the same forms.
  const ids = paradigmIds().filter((id) => id.startsWith('role.'));
  const words = ['куратор', 'КУРАТОРА', 'Куратором', 'классный', 'руководитель', 'классного руководителя', 'Классному\u00a0Руководителю', 'классный-руководитель', 'учитель', 'учителя', 'ёлка', 'родител', 'родителей', 'обучающийся', 'студент', 'а', 'x', '1', '_', ' ', '\n', '-', '«', '»', '"', '.'];
  it('finds the same forms as the full Unicode pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }).map((p) => p.join(' ')), fc.constantFrom(...ids), (text, id) => {
        const p = paradigm(id)!;
        const plain = findForms(text, p);
        const full = findForms(text + '\n\u0345', p).filter((m) => m.end <= text.length);
        assert.deepEqual(plain, full, `${id} in ${JSON.stringify(text)}`);
      }),
      params(1500),
    );
  });
});

describe('fast paths: data patterns without i/u in plain texts (termsData.plainSource)', () => {
  // typos.json entries, their contexts, the prohibited actions and the abbreviation patterns run as
  // case-expanded patterns without `i`/`u` when `plainText` holds; they must find exactly what the
  // original `iu` patterns find there.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { plainSource, plainText } = require('../../server/src/analysis/termsData') as typeof import('../../server/src/analysis/termsData');
  const typos = require('../../server/data/typos.json') as import('../../server/src/analysis/termsData').TyposData;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const matches = (re: RegExp, text: string): unknown[] => [...text.matchAll(re)].map((m) => [m.index, ...m]);
  /** Random casing of a string (plain letters only change). */
  const recase = (s: string, bits: number): string => [...s].map((ch, i) => ((bits >> (i % 30)) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join('');
  const samples = [
    ...typos.typos.flatMap((e) => [...(e.examples ?? []).flatMap((x) => [x.text, x.fixed]), ...(e.negative ?? [])]),
    ...typos.prohibitedActions.flatMap((p) => [...(p.examples ?? []), ...(p.negative ?? [])]),
  ];
  const pieces = [...new Set(samples.flatMap((s) => s.split(/(\s+)/)))].concat(['ё', 'Ё', 'е', '1', '_', ' ', '  ', '\n', '-', '‐', ';', ',', '«', '»', '(', ')', '—', 'x', 'K', 's', '.']);
  const plainTexts = fc.tuple(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), fc.integer()).map(([p, bits]) => recase(p.join(''), bits));

  it('plainText holds exactly when no character but plain letters and ASCII digits is a letter, a number or U+0345, and no surrogate', () => {
    const other = /[\p{L}\p{N}\u0345\ud800-\udfff]/u;
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const plainLetter = /[A-Za-zА-яЁё0-9]/.test(ch);
      const expected = plainLetter || (c < 0xd800 || c > 0xdfff ? !other.test(ch) : false);
      assert.equal(plainText('a' + ch), expected, c.toString(16));
    }
  });

  it('no character of a plain text but a plain letter itself folds (flags iu) to a plain letter, digit or kept punctuation', () => {
    const folded = /[A-Za-zА-яЁё0-9«»“”„‚‘’–—‐‑−…№§\u00a0\u2009\u202f]/iu;
    const itself = /[A-Za-zА-яЁё0-9«»“”„‚‘’–—‐‑−…№§\u00a0\u2009\u202f]/;
    for (let c = 0x80; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (plainText(ch) && !itself.test(ch)) assert.ok(!folded.test(ch), c.toString(16));
    }
  });

  const sources = [
    ...typos.typos.map((e) => `(?<![\\p{L}\\p{N}])(?!(?<=\\s)\\s)(?:${e.wrong})(?![\\p{L}\\p{N}])`),
    ...typos.typos.flatMap((e) => [e.context, e.notContext].filter((x): x is string => typeof x === 'string')),
    ...typos.prohibitedActions.map((p) => `^(?:${p.pattern})`),
    // Shapes of terms/abbreviation: inflected long forms and short names.
    '(?<![\\p{L}\\p{N}])информационно[-‐‑]коммуникацио\\p{L}*\\s+образовате\\p{L}*\\s+платфо\\p{L}*\\s+«Сферум»(?![\\p{L}\\p{N}])',
    '(?<![\\p{L}\\p{N}])ИКОП\\s+«Сферум»(?![\\p{L}\\p{N}])',
    '(?<![\\p{L}\\p{N}])Полож\\p{L}*(?![\\p{L}\\p{N}])',
  ];

  it('rewrites every built-in data pattern (none left on the slow path)', () => {
    for (const s of sources) assert.notEqual(plainSource(s, true), undefined, s);
  });

  it('finds the same matches and groups as the original iu pattern on random plain texts', () => {
    const compiled = sources.map((s) => [new RegExp(s, 'giu'), new RegExp(plainSource(s, true)!, 'g')] as const);
    fc.assert(
      fc.property(plainTexts, fc.nat(compiled.length - 1), (text, k) => {
        fc.pre(plainText(text));
        const [full, plain] = compiled[k]!;
        assert.deepEqual(matches(plain, text), matches(full, text), `${full.source} in ${JSON.stringify(text)}`);
      }),
      params(20000),
    );
    // The samples themselves, whole, against every pattern.
    for (const text of samples.filter(plainText)) for (const [full, plain] of compiled) assert.deepEqual(matches(plain, text), matches(full, text), `${full.source} in ${JSON.stringify(text)}`);
  });

  it('random patterns: undefined, or valid exactly when the original is and equal on plain texts', () => {
    const tokens = ['а', 'Б', 'ё', 'е', 'x', 'K', '1', ' ', '-', '«', '\\p{L}', '\\p{N}', '\\p{Lu}', '\\s', '\\d', '\\w', '\\b', '.', '[её]', '[^;]', '[-‐‑]', '[а-я]', '[\\p{L}_]', '(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?<n>', ')', '|', '*', '+', '?', '{1,2}', '{', '}', ']', '^', '$', '\\-', '\\.', '\\1', 'ſ'];
    const texts = ['аб ёе', 'ЁЛКА x1 k', 'Б-а «x» 12; а', 'K.а\nб_б', ' e ё-ё '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 10 }).map((t) => t.join('')), fc.boolean(), (source, ic) => {
        const plain = plainSource(source, ic);
        if (plain === undefined) return;
        const make = (s: string, f: string): RegExp | null => {
          try {
            return new RegExp(s, f);
          } catch {
            return null;
          }
        };
        const full = make(source, ic ? 'giu' : 'gu');
        const fast = make(plain, 'g');
        assert.equal(fast === null, full === null, `${source} → ${plain}`);
        if (full && fast) for (const text of texts) assert.deepEqual(matches(fast, text), matches(full, text), `${source} → ${plain} in ${JSON.stringify(text)}`);
      }),
      params(20000),
    );
  });
});

describe('fast paths: historical markers without i/u in plain texts (analysis/platform isHistorical)', () => {
  // In a plain text the combined historical-marker pattern runs as its plainDataRegex variant; a
  // sentence must be historical exactly when one of the data markers (flags iu) matches it.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { isHistorical, sentenceAt } = require('../../server/src/analysis/platform') as typeof import('../../server/src/analysis/platform');
  const { plainText } = require('../../server/src/analysis/termsData') as typeof import('../../server/src/analysis/termsData');
  const terms = require('../../server/data/terms.json') as import('../../server/src/analysis/termsData').TermsData;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const reference = terms.historicalMarkers.map((src) => new RegExp(`(?<![\\p{L}])(?:${src})(?![\\p{L}])`, 'iu'));
  const PIECES = [
    'до', 'ДО', 'перехода', 'Переезда', 'интеграции', 'ранее', 'Ранее', 'прежний', 'бывшая', 'использовавшие', 'применявший',
    'использовался', 'применяли', 'использовалась', 'перенос', 'переноса', 'переход', 'ПЕРЕХОДА', 'из', 'с', 'от', 'перешли', 'перешел',
    'перешёл', 'вместо', 'на', 'смену', 'замена', 'заменён', 'закрыт', 'прекращение', 'был', 'Была', 'были', 'было', 'былое', 'бы',
    'MAX', 'VK', 'Сферум', 'мессенджер', '1', 'сентября', '01.09.', '2025', 'ё', 'x', '_', '-',
    ' ', ' ', ' ', '  ', '\u00a0', '\n', '\r\n', '. ', '.', '; ', ';', '! ', '?', ',', '«', '»',
  ];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));

  it('a sentence of a plain text is historical exactly when a data marker matches it', () => {
    fc.assert(
      fc.property(text, fc.nat(), (t, k) => {
        fc.pre(plainText(t));
        const offset = k % (t.length + 1);
        const s = sentenceAt(t, offset);
        const sentence = t.slice(s.start, s.end);
        assert.equal(isHistorical(t, offset), reference.some((re) => re.test(sentence)), `${JSON.stringify(t)} at ${offset}`);
      }),
      params(20000),
    );
  });
});

describe('fast paths: marker literals found in one pass, role words of all entries in one pass (roles-legal)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const rd = require('../../server/src/analysis/rolesData') as typeof import('../../server/src/analysis/rolesData');
  const morph = require('../../server/src/morph') as typeof import('../../server/src/morph');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const data = rd.rolesData(undefined);
  const exprs = [...MARKERS.map((m) => [m.source, m.flags] as const), ...data.platformRoles.maxMarkers.map((src) => [src, 'u'] as const)];
  const set = rd.literalSet(exprs);
  const PIECES = [...ROLE_PIECES, 'MAX', 'Max', 'max', 'МАХ', 'мах', 'национальный', 'Национального', 'мессенджера', 'ПОЛИТЕХНИЧЕСКИЙ', 'ЛИЦЕЙ', 'Основного', 'ё', 'Ё', 'x'];
  const text = textOf(PIECES, 30);

  /** Every offset where the expression's literal scan stops, one by one (what literalHits must list). */
  const quickHits = (scan: import('../../server/src/analysis/rolesData').LiteralScan, t: string): number[] => {
    const out: number[] = [];
    scan.quick.lastIndex = 0;
    for (let q = scan.quick.exec(t); q; q = scan.quick.exec(t)) { out.push(q.index); scan.quick.lastIndex = q.index + 1; }
    return out;
  };

  it('literalHits lists exactly the literal offsets, and firstMatchFrom with them finds what a global scan finds', () => {
    assert.ok(set.joint.filter(Boolean).length >= 10, 'the markers of the data are found in one pass');
    fc.assert(
      fc.property(text, fc.nat(), (t, k) => {
        const hits = rd.literalHits(set, t);
        if (!hits) return;
        const from = k % (t.length + 1);
        exprs.forEach(([source, flags], i) => {
          const scan = set.scans[i]!;
          if (!set.joint[i] || !scan) { assert.equal(hits[i], undefined); return; }
          assert.deepEqual(hits[i], quickHits(scan, t), `${source} in ${JSON.stringify(t)}`);
          for (const f of [0, from]) assert.deepEqual(rd.firstMatchFrom(scan, t, f, hits[i]), referenceFirstMatch(source, flags, t, f), `${source} from ${f} in ${JSON.stringify(t)}`);
        });
      }),
      params(5000),
    );
  });

  it('literalHits of random expressions agrees with their literal scans', () => {
    fc.assert(
      fc.property(randomPattern, fc.boolean(), text, (source, ci, t) => {
        const flags = ci ? 'iu' : 'u';
        const one = rd.literalSet([[source, flags]]);
        const hits = rd.literalHits(one, t);
        if (!hits || !one.joint[0]) return;
        assert.deepEqual(hits[0], quickHits(one.scans[0]!, t), `${source} (${flags}) in ${JSON.stringify(t)}`);
        assert.deepEqual(rd.firstMatchFrom(one.scans[0]!, t, 0, hits[0]), referenceFirstMatch(source, flags, t, 0));
      }),
      params(2000),
    );
  });

  it('findFormsEach finds, per paradigm, exactly what findForms finds', () => {
    const ps = [...data.concepts.flatMap((c) => c.words.map(rd.wordParadigm)), ...data.nonexistent.map(rd.wordParadigm)];
    const forms = [...new Set(ps.flatMap((p) => Object.values(p.forms)))];
    const WORDS = [...forms, ...forms.map((f) => f.toUpperCase()), 'Классный', 'руководитель-', '-учитель', 'учитель-предметник', 'ё', 'x', 'ᲂ', '_', '1'];
    const SEP = [' ', ' ', '\u00a0', '\n', '-', '«', '»', ', ', ''];
    const roleWords = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEP)), { maxLength: 14 }).map((a) => a.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(roleWords, (t) => {
        const got: import('../../server/src/morph').FormMatch[][] = ps.map(() => []);
        let lastStart = -1;
        let lastI = -1;
        const ok = morph.findFormsEach(t, ps, (i, m) => {
          assert.ok(m.start > lastStart || (m.start === lastStart && i > lastI), 'in text order, then by paradigm');
          lastStart = m.start;
          lastI = i;
          got[i]!.push(m);
        });
        if (!ok) { assert.ok(got.every((g) => g.length === 0)); return; }
        ps.forEach((p, i) => assert.deepEqual(got[i], morph.findForms(t, p), `${p.id} in ${JSON.stringify(t)}`));
      }),
      params(3000),
    );
  });
});

describe('fast paths: section patterns as an anchored and a floating union (util/headings matchesPatterns)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { matchesPatterns } = require('../../server/src/util/headings') as typeof import('../../server/src/util/headings');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const structure = require('../../server/data/structure.json') as { sections: Array<{ patterns: string[] }> };
  const lists: string[][] = [
    ...structure.sections.map((s) => s.patterns),
    ['^права|обязанности', '^(а)\\1', 'заключени[ея]$'],
    ['^(?<x>общие)', '^(?<x>права)', '(', '^[|]права'],
  ];
  const words = ['общие', 'положения', 'права', 'и', 'обязанности', 'термины', 'понятия', 'используемые', 'в', 'настоящем', 'заключение', 'организация', 'работы', 'аа', '|', ',', ' ', 'Ё', 'ё'];
  it('answers as the patterns tried one by one', () => {
    agreesWithAnyPatternIu(matchesPatterns, lists, words, 8, 3000);
  });
});

// ---------------------------------------------------------------------------------------------
// Legal facts: anchors without match arrays, narrowed suffix windows, char pre-checks (legal)
// ---------------------------------------------------------------------------------------------

describe('fast paths: citation anchors, kinds read from the text, date parts (legal)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { citationInternals } = require('../../server/src/legal/citations') as typeof import('../../server/src/legal/citations');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { kindOfMatch, kindOfText } = require('../../server/src/legal/grammar') as typeof import('../../server/src/legal/grammar');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { differsInOnePart } = require('../../server/src/legal/dates') as typeof import('../../server/src/legal/dates');

  // Letters that fold to the stems' letters under `iu` (`ᲂ` → о, `ᲃ` → с, `ᲄ` → т), capitals, overlapping stems.
  const LEGAL_PIECES = [
    ...CITE_PIECES, 'ПИСЬМОМ', 'письмами', 'Писем', 'пᲂстановлением', 'ПОСТАНОВЛЕНИЯХ', 'распоряжениями', 'РАСПОРЯЖЕНИЕ', 'приказами',
    'Указа', 'указа Президента', ' Президента', 'указакон', 'законы', 'закона Р. Ф.', ' РФ', 'Российской Федерации', 'федеральных законах',
    'ФЕДЕРАЛЬНЫМ\nзаконом', 'закᲂном', 'ᲂт', 'От', 'ОТ ', 'г', 'года', '№№', 'No.', 'Nо', '5', '0', '99999', '2.2.2/2.4.1340', 'СанПиН', 'гн ', '  ', '\n ',
  ];
  const legalText = textOf(LEGAL_PIECES, 40);
  const globalMatches = (re: RegExp, type: string, s: string, from: number): Array<{ start: number; end: number; type: string }> => {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    g.lastIndex = from;
    const out: Array<{ start: number; end: number; type: string }> = [];
    for (let m = g.exec(s); m; m = g.exec(s)) {
      out.push({ start: m.index, end: m.index + m[0].length, type });
      if (m[0].length === 0) g.lastIndex++;
    }
    return out;
  };

  it('the anchors are the matches of global scans of the anchor regexes, in document order', () => {
    fc.assert(
      fc.property(legalText, fc.nat(20), (text, f) => {
        const from = Math.min(f, text.length);
        const ref = [
          ...globalMatches(OLD_KIND_RE, 'kind', text, from),
          ...globalMatches(OLD_FZ_ANCHOR_RE, 'fz', text, from),
          ...globalMatches(OLD_FZ_REVERSED_RE, 'fz', text, from),
          ...globalMatches(OLD_CODE_RE, 'code', text, from),
        ].sort((a, b) => a.start - b.start || (a.type === 'kind' ? -1 : b.type === 'kind' ? 1 : 0));
        assert.deepEqual(citationInternals.anchors(text, from), ref, JSON.stringify(text));
      }),
      params(3000),
    );
  });

  it('the kind read from a match text is the kind read from its capture groups', () => {
    fc.assert(
      fc.property(legalText, (text) => {
        for (const m of text.matchAll(KIND_RE)) assert.deepEqual(kindOfText(m[0]), kindOfMatch(m), JSON.stringify(m[0]));
      }),
      params(3000),
    );
  });

  it('the white-space skip ends where the WS0 regex does; no alias where the pre-check says none', () => {
    const ws0 = new RegExp(WS0, 'yu');
    const alias = /далее\s*(?:[-–—]\s*)?(?:по\s+тексту\s*[-–—]?\s*)?$/iu;
    const aliasPieces = ['далее', 'ДАЛЕЕ', 'далее –', 'по тексту', 'по тексту –', '-', '—', ' ', '\n', '\u00a0', '\u2028', 'е', 'у', 'а', '(', ')', ' ', '\r\n'];
    fc.assert(
      fc.property(legalText, textOf(aliasPieces, 12), fc.nat(40), (text, tail, k) => {
        const at = Math.min(k, text.length);
        ws0.lastIndex = at;
        assert.equal(citationInternals.skipWs(text, at), at + ws0.exec(text)![0].length, JSON.stringify(text.slice(at)));
        const s = text + tail;
        for (let from = 0; from <= s.length; from += 7) {
          if (!citationInternals.mayEndAlias(s, from, s.length)) assert.ok(!alias.test(s.slice(from)), JSON.stringify(s.slice(from)));
        }
      }),
      params(2000),
    );
  });

  it('differsInOnePart counts differing dash-separated parts as split and filter did', () => {
    const part = fc.constantFrom('', '1', '01', '12', '2012', '2013', '-', '--', 'x');
    const date = fc.array(part, { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(date, date, (a, b) => {
        const pb = b.split('-');
        assert.equal(differsInOnePart(a, b), a.split('-').filter((x, i) => x !== pb[i]).length === 1, `${a} / ${b}`);
      }),
      params(3000),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Text utilities (textutil): word runs with a class table, edit distance on reused rows,
// abbreviation searches with the leading lookbehind tested apart
// ---------------------------------------------------------------------------------------------
import { editDistance as textutilEditDistance, letterLengthAt as textutilLetterLengthAt, wordRuns as textutilWordRuns } from '../../server/src/analysis/script';
import { guardedExec as textutilGuardedExec } from '../../server/src/rules/terms/abbreviation';

/** The scan `wordRuns` (analysis/script.ts) replaced, one `letterLengthAt` per code point: letters by letterLengthAt, flags by code unit ranges. */
function referenceRuns(text: string): { starts: number[]; ends: number[]; plain: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (textutilLetterLengthAt(text, i) === 0) { i++; continue; }
    const a = i;
    let cyrillic = true;
    let ascii = true;
    for (let len = textutilLetterLengthAt(text, i); len > 0; len = textutilLetterLengthAt(text, i)) {
      for (let k = i; k < i + len; k++) {
        const e = text.charCodeAt(k);
        if (e < 0x400 || e > 0x45f) cyrillic = false;
        if (e >= 0x80) ascii = false;
      }
      i += len;
    }
    starts.push(a);
    ends.push(i);
    plain.push(cyrillic || (ascii && i - a > 1) ? 1 : 0);
  }
  return { starts, ends, plain };
}

describe('fast paths: word runs, edit distance, guarded abbreviation search (textutil)', () => {
  const pieces = ['a', 'Z', 'xy', 'я', 'Ё', 'ё', 'ѐ', 'џ', 'Ѡ', 'é', 'ǅ', '\u0345', ' ', '«', '-', '1', '\u00a0', '\ud835\udc00', '\ud83d\ude00', '\ud800', '\udc00', '\u0400', '\u045f', '\u0460', 'ιι'];


  it('wordRuns finds the runs and plain flags of the letter-by-letter scan', () => {
    fc.assert(
      fc.property(textOf(pieces, 30), (text) => {
        const got = textutilWordRuns(text);
        const want = referenceRuns(text);
        assert.equal(got.count, want.starts.length, JSON.stringify(text));
        assert.deepEqual([...got.starts], want.starts);
        assert.deepEqual([...got.ends], want.ends);
        assert.deepEqual([...got.plain], want.plain);
      }),
      params(5000),
    );
    // Past the size of the kept scratch buffers (grown, then dropped), and again after that.
    const long = 'ab вг '.repeat(70000);
    for (let round = 0; round < 2; round++) {
      const got = textutilWordRuns(long);
      assert.equal(got.count, 140000);
      assert.equal(got.starts[139999], long.length - 3);
      assert.equal(got.plain.every((p) => p === 1), true);
    }
  });

  /** The edit distance it replaced (fresh arrays per row). */
  function referenceDistance(a: string, b: string, max = Infinity): number {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      let rowMin = i;
      for (let j = 1; j <= b.length; j++) {
        const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        cur.push(v);
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      prev = cur;
    }
    return prev[b.length]!;
  }

  it('editDistance equals the array version, with and without a limit, short and long strings', () => {
    const word = (n: number): fc.Arbitrary<string> => textOf(['а', 'б', 'a', 'b', '\ud83d\ude00', 'в'], n);
    fc.assert(
      fc.property(word(12), word(12), fc.constantFrom(Infinity, 0, 1, 2, 3), (a, b, max) => {
        assert.equal(textutilEditDistance(a, b, max), referenceDistance(a, b, max), `${a} / ${b} / ${max}`);
      }),
      params(5000),
    );
    fc.assert(
      fc.property(word(90), word(90), (a, b) => assert.equal(textutilEditDistance(a, b), referenceDistance(a, b))),
      params(200),
    );
  });

  it('guardedExec finds what the pattern with the leading (?<![\\p{L}\\p{N}]) finds, with gu and giu flags', () => {
    const textPieces = ['ИКОП', 'икоп', 'школа', 'Школы', 'а', '1', ' ', '(', ')', '«', '»', '\u0345', 'ǅ', '\ud835\udc00', '\ud83d\ude00', '\ud835', '\udc00', 'ſ', 'x', 'ΙΙ'];
    // Bodies as the rule builds them: a literal first character (a letter, a quote, a lone surrogate).
    const bodies = ['ИКОП(?![\\p{L}\\p{N}])', 'школ\\p{L}*(?![\\p{L}\\p{N}])', 'а', '«[^»]*»', '\\udc00x?', '\\ud835', 'ιι'];
    fc.assert(
      fc.property(textOf(textPieces, 25), fc.constantFrom(...bodies), fc.constantFrom('gu', 'giu'), fc.nat(30), (text, body, flags, k) => {
        const from = Math.min(k, text.length);
        const reference = new RegExp(`(?<![\\p{L}\\p{N}])${body}`, flags);
        const fast = new RegExp(body, flags);
        const want: [number, string][] = [];
        const got: [number, string][] = [];
        reference.lastIndex = from;
        for (let m = reference.exec(text); m && want.length < 50; m = reference.exec(text)) {
          want.push([m.index, m[0]]);
          if (m[0].length === 0) reference.lastIndex += (text.codePointAt(reference.lastIndex) ?? 0) > 0xffff ? 2 : 1;
        }
        let next = from;
        for (let m = textutilGuardedExec(fast, text, next, flags); m && got.length < 50; m = textutilGuardedExec(fast, text, next, flags)) {
          got.push([m.index, m[0]]);
          next = m.index + m[0].length;
          if (m[0].length === 0) next += (text.codePointAt(next) ?? 0) > 0xffff ? 2 : 1;
        }
        assert.deepEqual(got, want, JSON.stringify({ text, body, flags, from }));
      }),
      params(3000),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Deep nesting pre-check (syntax/parse mayNestDeep): never rejects a text the regex matches
// ---------------------------------------------------------------------------------------------

describe('fast paths: deep-nesting pre-check before the nesting regex (syntax/parse)', () => {
  const { DEEP_NESTING_RE, mayNestDeep } = require('../../server/src/syntax/parse') as typeof import('../../server/src/syntax/parse');
  const piece = fc.constantFrom('>', '> ', '-', '- ', '*', '+ ', '1.', '12) ', '3. ', ' ', '\t', '  ', '\n', '\r\n', 'а', 'x', '.', ')', '0');
  const runs = fc.array(fc.tuple(piece, fc.integer({ min: 1, max: 40 })), { maxLength: 12 }).map((parts) => parts.map(([p, n]) => p.repeat(n)).join(''));

  it('is true for every text DEEP_NESTING_RE matches (and the regex decides the rest)', () => {
    fc.assert(
      fc.property(runs, (text) => {
        if (DEEP_NESTING_RE.test(text)) assert.ok(mayNestDeep(text), JSON.stringify(text));
      }),
      { numRuns: 20000 },
    );
  });

  it('lets through the nesting the parser must defuse and skips ordinary drafts', () => {
    assert.ok(mayNestDeep('> '.repeat(40)));
    assert.ok(mayNestDeep('intro\n' + '1. '.repeat(33) + 'x'));
    assert.ok(mayNestDeep('a\n' + ' '.repeat(33) + 'code'));
    assert.equal(mayNestDeep('# Положение\n\n1. Общие положения\n\n1.1. Текст пункта.\n'), false);
  });
});

describe('fast paths: word index as a hash table of wanted words (roles5; literalHits rolling openings: see roles-legal above)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const morph = require('../../server/src/morph') as typeof import('../../server/src/morph');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // A letter other than plain Latin and Cyrillic (U+1C82) anywhere turns the word index off: findForms
  // then scans with the paradigm's own regular expression, the reference here.
  const byRegex = (text: string, p: import('../../server/src/morph').Paradigm): import('../../server/src/morph').FormMatch[] =>
    morph.findForms(text + '\n\u1c82', p).filter((m) => m.end <= text.length);
  const ids = morph.paradigmIds();
  const forms = [...new Set(ids.flatMap((id) => Object.values(morph.paradigm(id)!.forms)))];
  const WORDS = [...forms.slice(0, 400), ...forms.slice(0, 60).map((f) => f.toUpperCase()), 'совета', 'советом', 'не', 'при', 'а', 'я', 'Ё', 'ёж', 'x', 'AB', '1', '_'];
  const SEP = [' ', '\u00a0', '\n', '-', '«', '»', ', ', '', '.'];
  const text = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEP)), { maxLength: 16 }).map((a) => a.map(([w, s]) => w + s).join(''));

  it('findForms through the word index finds what the paradigm regex finds', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...ids), (t, id) => {
        const p = morph.paradigm(id)!;
        assert.deepEqual(morph.findForms(t, p), byRegex(t, p), `${id} in ${JSON.stringify(t)}`);
      }),
      params(3000),
    );
  });

  it('stays exact while the table of wanted words grows and after it is dropped (thousands of workspace words)', () => {
    // Deterministic pseudo-words of 1–9 letters (Cyrillic and Latin, with ё): many share first,
    // second and last letters and lengths, so probe chains are long.
    const ALPHA = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcxyz';
    let seed = 7;
    const rnd = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const pseudo = (): string => Array.from({ length: 1 + rnd(9) }, () => ALPHA[rnd(ALPHA.length)]!).join('');
    const ps = Array.from({ length: 4600 }, (_, i) => morph.literalParadigm(`ws.${i}`, pseudo()));
    for (let round = 0; round < 4600; round += 37) {
      const some = ps.slice(round, round + 37);
      const t = some.map((p, k) => (k % 3 === 0 ? p.lemma.toUpperCase() : p.lemma) + (k % 2 ? ' ' : ', ')).join('') + pseudo() + ' ' + pseudo();
      // (The reference regex compiles with `iu`, slowly: a few paradigms per round.)
      for (const p of [some[rnd(some.length)]!, ps[rnd(ps.length)]!, morph.paradigm(ids[rnd(ids.length)]!)!]) {
        assert.deepEqual(morph.findForms(t, p), byRegex(t, p), `${p.id} ${p.lemma} in ${JSON.stringify(t)}`);
      }
      // Findings the index must not lose: every word of the round is found.
      for (const p of some) assert.ok(morph.findForms(t, p).length > 0, `${p.lemma} in ${JSON.stringify(t)}`);
    }
  });
});

// ---- terms5: platform mention candidates, lookalike folding, plainText (round 5) ----
import { scanMentions as terms5ScanMentions } from '../../server/src/analysis/platform';
import { foldToCyrillic as terms5FoldToCyrillic, foldToLatin as terms5FoldToLatin, LATIN_TO_CYRILLIC as terms5L2C, CYRILLIC_TO_LATIN as terms5C2L } from '../../server/src/analysis/script';
import { plainText as terms5PlainText } from '../../server/src/util/plainText';

describe('fast paths (terms5): platform mentions, folding, plain texts', () => {
  // The global scans scanMentions replaced (sources copied from analysis/platform.ts).
  const L = '\\p{L}\\p{N}';
  const MAX_TOKEN_RE = new RegExp(`(?<![${L}_@.\\/-])[МMмm][АAаa][ХXхx](?:ом|е|а|у)?(?![${L}_]|\\.[a-z])`, 'gu');
  const NATIONAL_RE = new RegExp(`(?<![${L}])национальн\\p{L}*\\s+(?:российск\\p{L}*\\s+)?мессенджер\\p{L}*`, 'giu');
  const VK_BRAND_RE = new RegExp(`(?<![${L}])(?:VK|ВК|Vk|Вк|vk)(?:\\s*[-‐‑–]\\s*|[ \\t\\u00a0]+)(?:[Мм]ессенджер\\p{L}*|МЕССЕНДЖЕР\\p{L}*|[Mm]essenger)`, 'gu');
  const all = (re: RegExp, t: string): string[] => [...t.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
  const piece = fc.constantFrom(
    'МАХ', 'MAX', 'Мах', 'max', 'мАx', 'МАХе', 'махом', 'национальн', 'НАЦИОНАЛЬНЫЙ', 'нацᲂональный', 'национальнациональн', 'ый', 'ого',
    ' ', '  ', '\n', '-', ' - ', '.', '@', '/', 'российский ', 'мессенджер', 'МЕССЕНДЖЕР', 'Messenger', 'VK', 'ВК', 'Вк', 'vk', 'vK',
    'ПРОФИЛЬ', 'профиль', 'прᲂфиль', 'учебный ', 'a', 'я', '1', '_', '\u00a0', '😀', 'K', 'ᲂ',
  );
  const text = fc.array(piece, { maxLength: 24 }).map((a) => a.join(''));

  it('scanMentions finds what the three global scans find, and sees «профил» where the text has it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const max: string[] = [];
        const national: string[] = [];
        const vk: string[] = [];
        const profile = terms5ScanMentions(
          t,
          (m, s) => (max.push(`${s}:${m}`), s + m.length),
          (s, e) => national.push(`${s}:${t.slice(s, e)}`),
          (s, e) => vk.push(`${s}:${t.slice(s, e)}`),
        );
        assert.deepEqual(max, all(MAX_TOKEN_RE, t), JSON.stringify(t));
        assert.deepEqual(national, all(NATIONAL_RE, t), JSON.stringify(t));
        assert.deepEqual(vk, all(VK_BRAND_RE, t), JSON.stringify(t));
        assert.equal(profile, /профил/iu.test(t), JSON.stringify(t));
      }),
      params(4000),
    );
  });

  it('foldToCyrillic / foldToLatin equal the character-by-character lookup they replaced', () => {
    const byChar = (s: string, map: Readonly<Record<string, string>>): string => {
      let out = '';
      for (const ch of s) out += map[ch] ?? ch;
      return out;
    };
    const str = fc.string({ unit: fc.oneof(fc.constantFrom(...'aeopcyxABEKMHOPCTXаеорсухАВЕКМНОРСТХфыЁё \ud83d\ude00\ud800'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 16 });
    fc.assert(
      fc.property(str, (s) => {
        assert.equal(terms5FoldToCyrillic(s), byChar(s, terms5L2C));
        assert.equal(terms5FoldToLatin(s), byChar(s, terms5C2L));
      }),
      params(800),
    );
  });

  it('plainText equals the per-code-unit test over every UTF-16 code unit', () => {
    const NOT_PLAIN = /[\p{L}\p{N}\u0345]/u;
    const naive = (t: string): boolean => {
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c >= 0xd800 && c < 0xe000) return false;
        const ch = t[i]!;
        const basic = c < 0x80 || (c >= 0x410 && c < 0x450) || c === 0x401 || c === 0x451;
        if (!basic && NOT_PLAIN.test(ch)) return false;
      }
      return true;
    };
    for (let c = 0; c < 0x10000; c++) {
      const t = `Текст «${String.fromCharCode(c)}» — text`;
      assert.equal(terms5PlainText(t), naive(t), `U+${c.toString(16)}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// References: the reference word read without `iu` on plain text (model/references.ts `wordAt`)
// ---------------------------------------------------------------------------------------------

describe('fast paths: reference words', () => {
  /** WORD_RE as it was before the plain fast path. */
  const WORD_RE_ORIG = /(?<![\p{L}\d])(?:(подпункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?|подп\.|пп\.)|(пункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?|п\.)|(раздел(?:а|у|ом|е|ы|ов|ам|ами|ах)?|разд\.)|(приложени(?:е|я|ю|ем|и|й|ям|ями|ях)|прил\.))(?![\p{L}])/yiu;
  const orig = (t: string, at: number): string => {
    WORD_RE_ORIG.lastIndex = at;
    const m = WORD_RE_ORIG.exec(t);
    return m ? JSON.stringify([m.index, ...m]) : 'null';
  };
  const fast = (t: string, at: number): string => {
    const m = refsWordAt(t, at);
    return m ? JSON.stringify([m.index, ...m]) : 'null';
  };

  it('isPlainCode holds only characters whose letter-ness the plain pattern knows', () => {
    const LETTER = /[\p{L}]/iu;
    const LETTER_OR_DIGIT = /[\p{L}\d]/iu;
    for (let c = 0; c < 0x10000; c++) {
      if (!refsPlainCode(c)) continue;
      const ch = String.fromCharCode(c);
      const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x400 && c <= 0x45f);
      assert.equal(LETTER.test(ch), letter, `U+${c.toString(16)}`);
      assert.equal(LETTER_OR_DIGIT.test(ch), letter || (c >= 48 && c <= 57), `U+${c.toString(16)}`);
    }
  });

  it('wordAt matches WORD_RE at every position of random texts', () => {
    const pieces = ['п', 'П', 'пп.', 'п.', 'подп', 'подпункт', 'пункт', 'ПУНКТ', 'Пункт', 'РАЗДЕЛ', 'ПРИЛОЖЕНИЯ', 'раздел', 'разд', 'прил', 'приложени', 'приложение',
      'а', 'ами', 'ам', 'ах', 'ом', 'ов', 'е', 'ем', 'и', 'й', 'я', 'ям', 'ями', 'ях', 'ы', 'у', 'ю', 'х', '.', ' ', '\u00a0', '«', '1', 'x', 'ё',
      'ᲂ', 'ᲁ', 'ᲄ', 'é', '\u0345', '\ud835\udc00', '\ud83d\ude00', '\u0460', '—', '№'];
    fc.assert(
      fc.property(textOf(pieces, 30), (t) => {
        for (let at = 0; at <= t.length; at++) assert.equal(fast(t, at), orig(t, at), `${JSON.stringify(t)} @${at}`);
      }),
      params(3000),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// legstruct5: the citation suffix scan without `u`; structure/title's self-reference scans run
// sticky at the cue hits instead of over the whole line
// ---------------------------------------------------------------------------------------------
describe('fast paths: suffix scan without u (legal), self-reference scans at cue hits (structure/title)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { titleInternals } = require('../../server/src/rules/structure/title') as typeof import('../../server/src/rules/structure/title');

  it('`i` folds the letters of the suffix scan (Ф, К, З) exactly as `iu` does, on every code unit', () => {
    for (const letter of ['Ф', 'К', 'З', 'ф', 'к', 'з']) {
      const iu = new RegExp(`^${letter}$`, 'iu');
      const i = new RegExp(`^${letter}$`, 'i');
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const s = String.fromCharCode(c);
        assert.equal(i.test(s), iu.test(s), `${letter} / U+${c.toString(16)}`);
      }
    }
  });

  it('the suffix scan without `u` finds what it found with `u`', () => {
    const withU = /[-–—][^\S\r\n]*(?:(ФКЗ|Ф[З3])|\d{2}(?!\d))/giu;
    const without = /[-–—][^\S\r\n]*(?:(ФКЗ|Ф[З3])|\d{2}(?!\d))/gi;
    const pieces = ['-', '–', '—', ' ', '\u00a0', '\n', '\r', 'ФЗ', 'фз', 'Ф3', 'ФКЗ', 'фкз', 'Фз', 'ф', 'к', 'з', '20', '3', '123', '\ud83d\ude00', '\ud83d', 'a', 'ᲂ'];
    fc.assert(
      fc.property(textOf(pieces, 30), (text) => {
        const all = (re: RegExp): string[] => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}:${m[1]}`);
        assert.deepEqual(all(without), all(withU), JSON.stringify(text));
      }),
      params(3000),
    );
  });

  it('the ADJ and DALEE scans run at cue hits find what the global scans of the line find', () => {
    const pieces = [
      'настоящее', 'Настоящий', 'НАСТОЯЩЕГО', 'данного', 'Данным', 'данн', 'настоящ', 'наᲂтоящее', 'далее', 'Далее', 'ДАЛЕЕ', ' ', '  ', '\u00a0', ' - ', ' – ', '—',
      'положение', 'Положения', 'порядок', 'Порядком', 'правила', 'Правил', 'регламент', 'инструкцию', 'Инструкцией', 'ая', 'ий', 'ое', 'о', 'а', '«', '»', '"', '.', ':', 'x', 'ё',
    ];
    fc.assert(
      fc.property(textOf(pieces, 30), (content) => {
        const { adj, dalee } = titleInternals.scans(content);
        const view = (ms: RegExpExecArray[]): string[] => ms.map((m) => `${m.index}:${[...m].join('|')}`);
        assert.deepEqual(view(adj[0]), view(adj[1]), JSON.stringify(content));
        assert.deepEqual(view(dalee[0]), view(dalee[1]), JSON.stringify(content));
      }),
      params(4000),
    );
  });
});

describe('fast paths: clause short titles (model shortTitle, one regex search)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { shortTitle } = require('../../server/src/model/clauseTree') as typeof import('../../server/src/model/clauseTree');
  /* eslint-enable @typescript-eslint/no-require-imports */
  /** The original definition: emphasis dropped, white space collapsed, first sentence, at most 100 characters. */
  const reference = (text: string): string => {
    const clean = text.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
    const sentence = /^(.+?[.:;])(\s|$)/u.exec(clean)?.[1] ?? clean;
    if (sentence.length <= 100) return sentence.replace(/[.;]$/, '');
    const cut = sentence.slice(0, 100);
    const sp = cut.lastIndexOf(' ');
    return (sp > 60 ? cut.slice(0, sp) : cut) + '…';
  };
  const pieces = ['а', 'Слово', ' ', ' ', '  ', '.', ':', ';', '. ', ': ', '; ', '*', '**', '_', '__', '\t', '\u00a0', '\u2003', '\u200b', '\ufeff', '\n', 'x'.repeat(30), 'слово '.repeat(12), '«', '1.1'];
  it('equals the original definition on random texts around the 100-character limit', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      assert.equal(shortTitle(text), reference(text));
    }), { numRuns: 20000 });
  });
  it('equals the original definition with a sentence end at every position near the limit', () => {
    for (let k = 0; k < 110; k++) for (const end of ['.', ':', ';', '. ', '.x', '**', '  ', ' ', '\t']) for (const lead of ['', ' ', '  ']) {
      const text = lead + 'а'.repeat(k) + end + 'б'.repeat(20) + ' в';
      assert.equal(shortTitle(text), reference(text), JSON.stringify(text));
      const cut = text.slice(0, lead.length + k + end.length);
      assert.equal(shortTitle(cut), reference(cut), JSON.stringify(cut));
    }
  });
});

describe('fast paths: legal patterns without `u` on plain texts (legal/plainRe.ts)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { citationInternals } = require('../../server/src/legal/citations') as typeof import('../../server/src/legal/citations');
  const { caseAfter } = require('../../server/src/legal/grammar') as typeof import('../../server/src/legal/grammar');
  const { findBasisClause } = require('../../server/src/legal/facts') as typeof import('../../server/src/legal/facts');
  const { plainText: legal6PlainText } = require('../../server/src/util/plainText') as typeof import('../../server/src/util/plainText');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const issuers = (actsJson as unknown as ActsData).issuers;
  const pieces = [
    'Федеральным законом', 'федерального закона', 'Закона РФ', 'Закон Российской Федерации', 'Приказом', 'приказа', 'Постановлением', 'распоряжения', 'Письмо', 'писем', 'Указом Президента',
    'Минпросвещения России', 'Министерства просвещения', 'Правительства РФ', 'Роспотребнадзора', 'Главного государственного санитарного врача', 'ГГСВ РФ', 'Минцифры',
    ' от ', 'от', '29.12.2012', '28.12.12', '29 декабря 2012 года', ' г.', ' года', ' г', '№', '№ ', 'N ', 'No. ', 'N', '273-ФЗ', '273 - Ф3', 'ФЗ-152', 'ФЗ № 152', '1880-р', '542/1', 'Р-210', '12', '2023',
    '«Об образовании»', '«О «б» ', '"Об"', '“Об”', '»', '«', 'СП 2.4.3648-20', 'СанПиН 2.2.2/2.4.1340-03', 'сп 2.4.2.2821 – 10', 'МР', 'ГН',
    'ст. 5', 'ч. 3 ст. 30', 'п. 2 ч. 1 статьи 12', 'статьи 30 ', '(далее – ', 'далее по тексту', ', ', '; ', '.', ' ', '  ', '\u00a0', '\t', '\n', '\r\n', '\n\n', '- ', '1. ', 'а) ',
    'Zakon', 'A', 'Б', 'ё', 'Ё', 'x1', '_', '9', 'ФКЗ', 'Ф', 'З',
  ];
  it('parses every citation as the `u` patterns do', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      assert.ok(legal6PlainText(text));
      assert.deepEqual(citationInternals.parseWith(text, issuers, true), citationInternals.parseWith(text, issuers, false));
    }), { numRuns: 4000 });
  });
  const intros = ['Настоящее положение ', 'разработано ', 'Разработан ', 'составлено', ' в соответствии с', ' в соответствии со ', 'на основании', ' следующих ', 'актов', ' согласно', ':', ' ', '  ', 'с', 'Правовая основа', 'нормативно-правовая база', 'нормативные правовые основы', 'основании', 'соответствии', 'x', '1.', '\t'];
  it('reads the basis clause and its case as the `u` patterns do', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...intros), { maxLength: 14 }), (parts) => {
      const intro = parts.join('');
      assert.equal(caseAfter(intro, true), caseAfter(intro, false));
      const text = `# Положение\n\n## 1. Общие положения\n\n1.1. ${intro.replace(/\n/g, ' ')} Федеральным законом от 29.12.2012 № 273-ФЗ.\n`;
      const model = buildModel(text);
      assert.deepEqual(findBasisClause(model, [], true), findBasisClause(model, [], false));
    }), { numRuns: 3000 });
  });
});

describe('fast paths (rp6): surfaces matched without a regex, wanted words found by one trie regex', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const morph = require('../../server/src/morph') as typeof import('../../server/src/morph');
  /* eslint-enable @typescript-eslint/no-require-imports */
  type P = import('../../server/src/morph').Paradigm;
  type M = import('../../server/src/morph').FormMatch;
  // A letter other than plain Latin and Cyrillic (U+1C82) turns both fast paths off: findForms then
  // scans with the paradigm's own `iu` regular expression, the reference here.
  const byRegex = (text: string, p: P): M[] => morph.findForms(text + '\n\u1c82', p).filter((m) => m.end <= text.length);
  const ids = morph.paradigmIds();
  // Workspace-like paradigms with hyphens, brackets, quotes and digits between the words.
  const extra: P[] = [
    { id: 'rp6.a', lemma: 'учитель-логопед', forms: { 'nomn,sing': 'учитель-логопед', 'gent,sing': 'учителя-логопеда', 'nomn,plur': 'учителя-логопеды' } },
    { id: 'rp6.b', lemma: 'чат «Класс»', forms: { 'nomn,sing': 'чат «Класс»', 'gent,sing': 'чата "Класс"', 'ablt,sing': 'чатом “Класс”' } },
    { id: 'rp6.c', lemma: 'учитель (тьютор)', forms: { 'nomn,sing': 'учитель (тьютор)', 'datv,sing': 'учителю  (тьютору)', 'accs,plur': 'учителей 5 класса' } },
    { id: 'rp6.d', lemma: 'ученик', forms: { 'nomn,sing': 'ученик', 'gent,sing': 'ученика', 'nomn,plur': 'ученики', 'loct,sing': 'ученике' } },
    morph.literalParadigm('rp6.e', 'Ёлка_2'),
  ];
  const all: P[] = [...ids.map((id) => morph.paradigm(id)!), ...extra];
  const forms = [...new Set(all.flatMap((p) => Object.values(p.forms)))];
  const WORDS = [...forms, ...forms.slice(0, 80).map((f) => f.toUpperCase()), ...forms.slice(0, 40).map((f) => f.replace(/е/g, 'ё')), 'учителя', 'чат', 'Класс', 'логопед', 'тьютор', 'а', 'x', '5', '_', 'ё'];
  const SEP = [' ', '  ', '\u00a0', '\u2003', '\n', '-', ' - ', '‐', '‑', '\u00a0-', '«', '»', '"', '“', '”', '„', '(', ')', ', ', '', '.', '_', '1'];
  // Words of the extra paradigms alone, so their tolerances (spaces around hyphens, quote kinds) meet often.
  const FEW = ['учитель', 'Учителя', 'учителю', 'учителей', 'логопед', 'логопеда', 'ЛОГОПЕДЫ', 'чат', 'чата', 'чатом', 'Класс', 'класса', 'тьютор', 'тьютору', 'ученик', 'учёника', 'ёлка', 'Елка_2', '5',
    // Whole surfaces written with the tolerated variants (other quotes, spaces around hyphens, runs of spaces).
    'чат "Класс"', 'ЧАТА «класс»', 'чатом „Класс"', 'учитель - логопед', 'учителя‑\u00a0логопеда', 'учителю\u00a0 (тьютору)', 'учителей\n5 класса'];
  const text = fc.oneof(
    fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEP)), { maxLength: 14 }),
    fc.array(fc.tuple(fc.constantFrom(...FEW), fc.constantFrom(' - ', ' -', '- ', '\u00a0‑\u00a0', '-', ' ', '  ', '"', ' "', '" ', ' «', '» ', ' “', '”', ' (', ') ', ' 5 ')), { maxLength: 10 }),
  ).map((a) => a.map(([w, s]) => w + s).join(''));

  it('findForms in a plain text finds what the paradigm regex finds', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...all), (t, p) => {
        assert.deepEqual(morph.findForms(t, p), byRegex(t, p), `${p.id} in ${JSON.stringify(t)}`);
      }),
      params(3000),
    );
  });

  it('findFormsEach visits every paradigm\'s regex matches, in text order', () => {
    const ps = all;
    let served = 0;
    fc.assert(
      fc.property(text, (t) => {
        const seen: [number, M][] = [];
        const ok = morph.findFormsEach(t, ps, (i, m) => seen.push([i, m]));
        if (!ok) return;
        served++;
        const expected = ps.flatMap((p, i) => byRegex(t, p).map((m) => [i, m] as [number, M]));
        expected.sort((a, b) => a[1].start - b[1].start || a[0] - b[0]);
        assert.deepEqual(seen, expected, JSON.stringify(t));
      }),
      params(1500),
    );
    assert.ok(served > 1200, `findFormsEach served ${served} of 1500 texts`);
  });
});

describe('fast paths (model7): stamp patterns without `u` on plain texts (model/clauseTree.ts readStamp)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { plainText: model7PlainText } = require('../../server/src/util/plainText') as typeof import('../../server/src/util/plainText');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const pieces = [
    'УТВЕРЖДАЮ', 'УТВЕРЖДЕНО', 'СОГЛАСОВАНО', 'ПРИНЯТО', 'Директор', 'директор МБОУ СОШ', 'приказом директора', 'Приказом', 'приказ', 'Протокол', 'протоколом', 'решение', 'Решением',
    'педагогического совета', ' от ', 'от', '№', '№ ', 'N ', 'No', 'no ', 'n', '187-од', '12/3', 'Пр-1', '_', '___', '«', '»', '"', '(', ')', '15', '02.09.2024', '«15» октября 2025 г.',
    'И.И. Иванов', 'Иванов И. И.', 'Петрова А.Б.', 'А. Б. В', 'Ёлкин Ё.Ё.', 'Smith J.K.', 'ё', 'Z', 'z', ' ', '  ', '\t', '\u00a0', '\n', '\n', '\n\n', ': ', ', ', '.', '- ', '**', '*',
  ];
  it('reads stamps as the `u` patterns do', () => {
    let plainSeen = 0;
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const head = `${parts.join('')}\n\n# Положение о порядке\n\n## 1. Общие положения\n\n1.1. Текст.\n`;
      // A Greek letter in the last clause makes the text not plain: the `iu` patterns read its stamps.
      const other = `${head}1.2. Ω.\n`;
      if (!model7PlainText(head)) return;
      plainSeen++;
      assert.ok(!model7PlainText(other));
      const stamps = (t: string) => JSON.stringify(buildModel(t).stamps.map((s) => [s.stamp, s.range, s.title]));
      assert.equal(stamps(head), stamps(other));
    }), { numRuns: 4000 });
    assert.ok(plainSeen > 3000);
  });
});

describe('fast paths: literalHits finds starts by one plain regex of the literals (roles7)', () => {
  it('finds exactly the starts the own literal scans of the expressions find, with regex-special characters, ё/е and case rules', () => {
    const CH = ['а', 'А', 'б', 'Б', 'е', 'ё', 'Ё', 'x', 'X', '.', '*', '(', '[', '\\', '|', '-', '/', '№', ' ', '1'];
    const lit = fc.tuple(fc.constantFrom('аба', 'АБе', 'еёx', 'XaБ'), fc.array(fc.constantFrom(...CH), { maxLength: 3 })).map(([h, t]) => h + t.join(''));
    const txt = fc.array(fc.constantFrom(...CH, 'аба', 'АБЕ', 'еЁX'), { maxLength: 40 }).map((a) => a.join(''));
    const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    fc.assert(
      fc.property(fc.array(fc.tuple(lit, fc.boolean()), { minLength: 1, maxLength: 4 }), txt, (lits, t) => {
        const set = literalSet(lits.map(([l, ci]) => [esc(l), ci ? 'iu' : 'u'] as const));
        const hits = literalHits(set, t);
        if (!hits) return;
        lits.forEach(([l, ci], i) => {
          if (!set.joint[i]) return;
          // The expression's own (`iu`/`u`) literal regex, stepped one past each match.
          const quick = set.scans[i]!.quick;
          const want: number[] = [];
          quick.lastIndex = 0;
          for (let q = quick.exec(t); q; q = quick.exec(t)) { want.push(q.index); quick.lastIndex = q.index + 1; }
          assert.deepEqual(hits[i], want, `${l} (${ci}) in ${JSON.stringify(t)}`);
        });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fast paths (text8): element patterns as unions (structure/required-sections matchesAny)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { matchesAny: matchesAnyIn } = require('../../server/src/rules/structure/required-sections') as typeof import('../../server/src/rules/structure/required-sections');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const structure = require('../../server/data/structure.json') as { elements: Array<{ patterns: string[] }> };
  const lists: string[][] = [
    ...structure.elements.map((e) => e.patterns).filter((p) => p.length > 0),
    // An invalid pattern never matches; one that would be valid only inside the union; a backreference; a named group twice.
    ['совет(', 'мнени[ея]'],
    ['совет)|(?:мнени', 'действу'],
    ['(а)\\1', 'совет'],
    ['(?<x>совет)', '(?<x>мнени)'],
    ['(', '['],
  ];
  const naive = anyPatternIu;
  const words = ['разработано', 'на', 'основании', 'с', 'учётом', 'учетом', 'мнения', 'совета', 'родителей', 'Педагогическим', 'советом', 'принимается', 'вступает', 'в', 'силу', 'действует', 'до', 'ПРИНЯТО', 'аа', '»', ':', ',', ' ', 'Ё', 'ᲂ', 'K'];
  it('answers as the patterns tried one by one, on random texts', () => {
    agreesWithAnyPatternIu(matchesAnyIn, lists, words, 14, 4000);
  });
  it('answers as the patterns tried one by one, on the shared corpus', () => {
    const texts = sharedDrafts().map((d) => d.text.replace(/\s+/g, ' '));
    texts.push('Положение разработано в соответствии с Федеральным законом, принимается педагогическим советом с учетом мнения совета обучающихся и вступает в силу с момента утверждения.');
    for (const t of texts) for (const l of lists) for (let cut = 0; cut < t.length; cut += Math.max(1, t.length >> 3)) assert.equal(matchesAnyIn(l, t.slice(cut)), naive(l, t.slice(cut)));
  });
});

import { collapseWs, ITEM_RE, mayStartItem, PipeFinder } from '../../server/src/model/clauseTree';

describe('fast paths: model line tests (round 8)', () => {
  const WS = [' ', '  ', '\t', '\u00a0', '\u2003', '\ufeff', '\u200b', '\n', '\u3000'];
  it('mayStartItem lets through every first character ITEM_RE can start with (every UTF-16 code unit)', () => {
    const tails = ['', ' x', ') x', '\\) x', '.а) x', '.1.б) x', ' - x', '1) x', '-x'];
    for (let c = 0; c < 0x10000; c++) {
      if (mayStartItem(c)) continue;
      const ch = String.fromCharCode(c);
      for (const t of tails) assert.equal(ITEM_RE.test(ch + t), false, `U+${c.toString(16)} + ${JSON.stringify(t)}`);
    }
    // and it does reject the common line starts
    for (const s of ['Настоящее', 'Ёлка', 'Общие', 'А)']) assert.equal(mayStartItem(s.charCodeAt(0)), false);
  });
  it('collapseWs equals the per-character loop it replaced, on random texts', () => {
    const isWs = (c: number): boolean => /\s/.test(String.fromCharCode(c));
    const loop = (s: string): string => {
      for (let k = 0; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c === 32 ? s.charCodeAt(k + 1) === 32 : isWs(c)) return s.replace(/\s+/g, ' ');
      }
      return s;
    };
    fc.assert(fc.property(textOf(['а', 'Б', 'x', '.', ...WS], 30), (s) => assert.equal(collapseWs(s), loop(s))), params(4000));
  });
  it('PipeFinder answers as the per-line scan it replaced, lines asked in order (with repeats)', () => {
    const old = (text: string, start: number, end: number): boolean => {
      for (let k = start; k < end; k++) if (text.charCodeAt(k) === 124 && (k === start || text.charCodeAt(k - 1) !== 92)) return true;
      return false;
    };
    fc.assert(
      fc.property(textOf(['|', '\\', '\\|', 'a', ' ', '\n', '\r\n', 'Б'], 60), fc.array(fc.boolean(), { maxLength: 40 }), (text, repeat) => {
        const lines: Array<{ start: number; end: number }> = [];
        for (let s = 0; ; ) {
          const e = text.indexOf('\n', s);
          const end = e < 0 ? text.length : text.charCodeAt(e - 1) === 13 ? e - 1 : e;
          lines.push({ start: s, end });
          if (e < 0) break;
          s = e + 1;
        }
        const finder = new PipeFinder(text);
        lines.forEach((l, k) => {
          const want = old(text, l.start, l.end);
          assert.equal(finder.hasPipe(l as never), want);
          if (repeat[k]) assert.equal(finder.hasPipe(l as never), want);
        });
      }),
      params(4000),
    );
  });
});

// ---- plat8: platform candidates by one letter, plain sticky patterns, «профил» places, Мах context ----
import { maxCaseContext as plat8MaxCaseContext, namePrevWord as plat8NamePrevWord, profileMatches as plat8ProfileMatches, scanMentions as plat8ScanMentions, sentenceAt as plat8SentenceAt } from '../../server/src/analysis/platform';
import { plainText as plat8PlainText } from '../../server/src/util/plainText';

describe('fast paths (plat8): platform mentions in plain texts, «профил» places, Мах and name contexts', () => {
  // The global scans the fast paths replace (sources copied from analysis/platform.ts).
  const L = '\\p{L}\\p{N}';
  const MAX_TOKEN_RE = new RegExp(`(?<![${L}_@.\\/-])[МMмm][АAаa][ХXхx](?:ом|е|а|у)?(?![${L}_]|\\.[a-z])`, 'gu');
  const NATIONAL_RE = new RegExp(`(?<![${L}])национальн\\p{L}*\\s+(?:российск\\p{L}*\\s+)?мессенджер\\p{L}*`, 'giu');
  const VK_BRAND_RE = new RegExp(`(?<![${L}])(?:VK|ВК|Vk|Вк|vk)(?:\\s*[-‐‑–]\\s*|[ \\t\\u00a0]+)(?:[Мм]ессенджер\\p{L}*|МЕССЕНДЖЕР\\p{L}*|[Mm]essenger)`, 'gu');
  const VK_PROFILE_RE = new RegExp(`(?=VK|ВК)(?<=учебн\\p{L}*\\s+профил\\p{L}*\\s+(?:в\\s+)?)(?:VK|ВК)(?![${L}]|\\s*[-‐‑–]?\\s*мессенджер)`, 'giu');
  const NAME_PREV_WORD = /(?:^|[^\p{L}])(?:икоп|платформ\p{L}*|пространств\p{L}*|сервис\p{L}*|приложени\p{L}*|систем\p{L}*|мессенджер\p{L}*)[\s\u00a0]*$/iu;
  const all = (re: RegExp, t: string): string[] => [...t.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
  const scan = (t: string, plain: boolean, profiles?: number[]) => {
    const max: string[] = [];
    const national: string[] = [];
    const vk: string[] = [];
    const profile = plat8ScanMentions(
      t,
      (m, s) => (max.push(`${s}:${m}`), s + m.length),
      (s, e) => national.push(`${s}:${t.slice(s, e)}`),
      (s, e) => vk.push(`${s}:${t.slice(s, e)}`),
      plain,
      profiles,
    );
    return { max, national, vk, profile };
  };
  const mentionText = textOf([
    'МАХ', 'MAX', 'Мах', 'max', 'мАx', 'МАХе', 'махом', 'MAX.ru', 'национальн', 'НАЦИОНАЛЬНЫЙ', 'ый', 'ого', ' ', '  ', '\n', '-', ' - ', '–',
    '.', '@', '/', '_', '1', 'российский ', 'мессенджер', 'МЕССЕНДЖЕР', 'Messenger', 'VK', 'ВК', 'Вк', 'vk', 'vK', 'Vк', 'K',
    'ПРОФИЛЬ', 'профиль', 'профилем ', 'учебный ', 'Учебного ', 'в ', 'В ', 'в', 'а', 'я', 'Ё', 'x', '\u00a0', '\t', 'ü', '😀', 'ᲂ', 'ᲀ', '\u212a',
  ], 30);

  it('scanMentions with the plain sticky patterns finds what the global scans find in plain texts', () => {
    fc.assert(
      fc.property(mentionText, (t) => {
        if (!plat8PlainText(t)) return;
        const got = scan(t, true);
        assert.deepEqual(got.max, all(MAX_TOKEN_RE, t), JSON.stringify(t));
        assert.deepEqual(got.national, all(NATIONAL_RE, t), JSON.stringify(t));
        assert.deepEqual(got.vk, all(VK_BRAND_RE, t), JSON.stringify(t));
        assert.deepEqual(got, scan(t, false));
      }),
      params(4000),
    );
  });

  it('profileMatches from the «профил» places equals the global scan of the profile pattern', () => {
    const check = (t: string): void => {
      const profiles: number[] = [];
      const seen = scan(t, false, profiles).profile;
      assert.equal(seen, profiles.length > 0);
      const want = [...t.matchAll(VK_PROFILE_RE)].map((m) => [m.index, m.index + m[0].length]);
      assert.deepEqual(plat8ProfileMatches(t, profiles, false), want, JSON.stringify(t));
      if (plat8PlainText(t)) assert.deepEqual(plat8ProfileMatches(t, profiles, true), want, JSON.stringify(t));
    };
    fc.assert(fc.property(mentionText, check), params(4000));
    // Focused: «учебный профиль (в) VK» phrases with varied spacing and nesting.
    const phrase = textOf(['учебный ', 'учебного\u00a0', ' ', '\n', 'профиль ', 'профилпрофиль ', 'ПРОФИЛЯ', 'в ', 'В  ', 'в', 'VK', 'ВК', 'vk', 'Вк', ' мессенджер', '-', 'а', ','], 10);
    fc.assert(fc.property(phrase, check), params(4000));
    for (const t of ['учебный профиль в VK', 'Учебного профиля  в\u00a0ВК и учебный профиль VK', 'учебный профилпрофиль VK', 'учебный профиль vk', 'учебный профиль в ВК-мессенджер', 'учебный профиль ВК, учебный ПРОФИЛЬ В VK']) check(t);
  });

  it('the Мах context by character tests answers as its patterns (every `Мах` of random sentences)', () => {
    const ctxText = textOf([
      'Мах', 'Маха', 'Махе', ' ', '  ', '\u00a0', '\n', '«', '»', '"', '“', '„', '”', 'в', 'Во', 'через', 'мессенджере', 'МЕССЕНДЖЕР', 'профилем',
      'Число', 'конуса', 'угол', 'Принцип', 'рукой', 'Крыла', 'маятника', ' — ', '-', '–', '—', 'это ', 'ЭТО', 'национальный', 'Российский',
      'платформа', 'Сферум', 'сфера', '.', '. ', ',', ', ', 'Э.', 'Э', '(', 'А. ', 'слово', 'Использование', 'ab', 'x', '1', ';', '!',
      'ааааааааааааааааааааааааааааааа', 'ü', '😀',
    ], 24);
    fc.assert(
      fc.property(ctxText, (t) => {
        for (let i = t.indexOf('Мах'); i >= 0; i = t.indexOf('Мах', i + 1)) {
          const end = i + 3;
          assert.equal(plat8MaxCaseContext(t, i, end), plat8MaxCaseContext(t, i, end, true), `${JSON.stringify(t)} @${i}`);
        }
      }),
      params(6000),
    );
  });

  it('sentenceAt (stops found by /[\\n\\r;!?]|\\.(?=\\s)/) equals the character walks it replaced', () => {
    // The walks (copied from analysis/platform.ts sentenceAtByWalking, backStop, forwardStop).
    const backStop = (t: string, p: number): boolean => {
      const c = t[p - 1]!;
      if (c === '\n' || c === '\r') return true;
      if ((c === ';' || c === '!' || c === '?' || c === '.') && /\s/.test(t[p] ?? ' ')) {
        if (c !== '.' || /^\s+[\p{Lu}\d]/u.test(t.slice(p, p + 3))) return true;
      }
      return false;
    };
    const forwardStop = (t: string, p: number): boolean => {
      const c = t[p]!;
      if (c === '\n' || c === '\r') return true;
      if ((c === ';' || c === '!' || c === '?') && /\s|$/.test(t[p + 1] ?? '')) return true;
      return c === '.' && /^\.\s+[\p{Lu}\d]/u.test(t.slice(p, p + 4));
    };
    const walk = (t: string, offset: number): { start: number; end: number } => {
      let start = offset;
      while (start > 0 && !backStop(t, start)) start--;
      let end = offset;
      while (end < t.length && !forwardStop(t, end)) end++;
      return { start, end };
    };
    const sentences = textOf(['.', '. ', '.  ', '.   ', '3.1.2', 'г.', 'ст. 5', ' ', '\u00a0', '\n', '\r\n', ';', '; ', '!', '?', 'а', 'Б', 'Ё', 'x', 'Z', '1', 'Ü', 'ü'], 30);
    fc.assert(
      fc.property(sentences, fc.nat(), (t, k) => {
        const offset = k % (t.length + 1);
        assert.deepEqual(plat8SentenceAt(t, offset), walk(t, offset), `${JSON.stringify(t)} at ${offset}`);
      }),
      params(6000),
    );
  });

  it('namePrevWord answers as NAME_PREV_WORD on the 30 characters before the quote', () => {
    const before = textOf(['икоп', 'ИКОП', 'платформе', 'Пространства', 'сервис', 'приложения', 'системе', 'мессенджер', 'x', 'а', ' ', '\u00a0', '\n', '-', '«', 'ü', 'ааааааааааааааа'], 10);
    fc.assert(
      fc.property(before, fc.nat(60), (t, cut) => {
        const text = `${t}«Сфера»`;
        const quote = text.length - 7;
        assert.equal(plat8NamePrevWord(text, quote), NAME_PREV_WORD.test(text.slice(Math.max(0, quote - 30), quote)), JSON.stringify(text));
        const q2 = Math.min(cut, quote);
        assert.equal(plat8NamePrevWord(text, q2), NAME_PREV_WORD.test(text.slice(Math.max(0, q2 - 30), q2)), JSON.stringify([text, q2]));
      }),
      params(4000),
    );
  });
});

describe('fast paths (roles8): role data expressions without `u` on plain texts (rolesData roleRegexFor, plain sticky of literal scans)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const rd = require('../../server/src/analysis/rolesData') as typeof import('../../server/src/analysis/rolesData');
  const { plainText: isPlain } = require('../../server/src/util/plainText') as typeof import('../../server/src/util/plainText');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const data = rd.rolesData(undefined);
  const words = data.concepts.flatMap((c) => c.words);
  // Every data expression with the flags it is used with.
  const exprs: (readonly [string, string])[] = [
    ...MARKERS.map((m) => [m.source, m.flags] as const),
    ...data.platformRoles.maxMarkers.map((src) => [src, 'u'] as const),
    [data.platformRoles.context, 'iu'],
    ...words.flatMap((w) => [w.exclude?.before, w.exclude?.after].filter((s): s is string => !!s).map((s) => [s, 'iu'] as const)),
  ];
  const PIECES = [...ROLE_PIECES, 'MAX', 'Max', 'МАХ', 'национальный', 'мессенджера', 'ПОЛИТЕХНИЧЕСКИЙ', 'ЛИЦЕЙ', 'Основного', 'роли', 'статусе', 'в качестве', 'муниципальным', 'куратором', 'ИКОП', 'Сферум', 'от министерства',
    ' ', '\u00a0', '\n', '«', '»', '"', 'ё', 'Ё', 'x', '_', '1', '-', 'ааааааааааааа'];
  const text = textOf(PIECES, 30);
  /** All matches of `re` (sticky at every start). */
  const allSticky = (source: string, flags: string, t: string): (string | undefined)[] => {
    const re = new RegExp(source, flags + 'y');
    const out: (string | undefined)[] = [];
    for (let s = 0; s <= t.length; s++) { re.lastIndex = s; out.push(re.exec(t)?.[0]); }
    return out;
  };

  it('every data expression has a plain flavour that matches, at every start of a plain text, what the original matches', () => {
    for (const [source] of exprs) assert.ok(rd.plainRoleSource(source) !== undefined, source);
    fc.assert(
      fc.property(text, (t) => {
        if (!isPlain(t)) return;
        for (const [source, flags] of exprs) {
          assert.deepEqual(allSticky(rd.plainRoleSource(source)!, flags.replace('u', ''), t), allSticky(source, flags, t), `${source} in ${JSON.stringify(t)}`);
          assert.equal(rd.roleRegexFor(source, flags, true)!.test(t), new RegExp(source, flags).test(t));
        }
      }),
      params(1500),
    );
  });

  it('firstMatchFrom with literal hits (plain flavour) finds what a global scan finds on the shared corpus', () => {
    const set = rd.literalSet(exprs.slice(0, MARKERS.length + data.platformRoles.maxMarkers.length));
    for (const { name, text: t } of sharedDrafts()) {
      const hits = rd.literalHits(set, t);
      if (!hits) continue;
      set.scans.forEach((scan, i) => {
        if (!scan || !hits[i]) return;
        const [source, flags] = exprs[i]!;
        for (const from of [0, t.length >> 2, t.length >> 1]) assert.deepEqual(rd.firstMatchFrom(scan, t, from, hits[i]), referenceFirstMatch(source, flags, t, from), `${source} in ${name} from ${from}`);
      });
    }
  });

  it('expressions with a construct whose meaning could change without `u` keep the original', () => {
    for (const s of ['\\P{L}x', 'a\\u{41}', '(a)\\1', '(?<n>a)\\k<n>', '\\p{Sc}']) assert.equal(rd.plainRoleSource(s), undefined, s);
    assert.equal(rd.roleRegexFor('\\P{L}x', 'iu', true)!.flags, 'iu');
  });
});

import { compareDates as legal8CompareDates, titleKeyInternals as legal8TitleKey } from '../../server/src/legal/registry';

describe('fast paths (legal8): title keys without `u` on plain titles, history dates compared as strings', () => {
  const { computeTitleKey, unicodeTitleKey } = legal8TitleKey;
  /** The non-plain code units a title may hold and still take the fast path. */
  const allowed = [0xa0, 0xab, 0xbb, 0xa7, 0xb0, 0xb7, 0x2116];
  for (let c = 0x2000; c <= 0x206f; c++) allowed.push(c);

  it('the punctuation of the fast path holds no letter or number and has no case', () => {
    for (const c of allowed) {
      const ch = String.fromCharCode(c);
      assert.equal(/[\p{L}\p{N}]/u.test(ch), false, `U+${c.toString(16)}`);
      assert.equal(ch.toLowerCase(), ch, `U+${c.toString(16)}`);
    }
  });

  it('gives the original key on random titles (plain and not)', () => {
    const pieces = ['РФ', 'Российской Федерации', 'об', 'Об', 'ОБРАЗОВАНИИ', 'ё', 'Ё', 'e', 'Z', '9', ' ', '-', '.', '«', '»', '\u00a0', '–', '—', '№', '“', '”', '…', 'ᲂ', 'İ', '²', 'µ', 'ª', '😀', 'Ⓐ', 'ß', 'K', 'ſ', 'ǅ', '\u0345', 'х', 'ФРФ', 'РФы'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 24 }), (parts) => {
        const s = parts.join('');
        assert.equal(computeTitleKey(s), unicodeTitleKey(s), JSON.stringify(s));
      }),
      params(3000),
    );
  });

  it('gives the original key on the registry titles and on every line of the shared corpus', () => {
    const titles: string[] = [];
    for (const a of (actsJson as unknown as ActsData).acts) {
      for (const t of [a.title, a.codeTitle, ...(a.acceptedTitles ?? []), ...(a.wrong?.titles ?? [])]) if (t) titles.push(t, ...t.split(/\s+/));
    }
    for (const d of sharedDrafts()) titles.push(...d.text.split('\n'));
    assert.ok(titles.length > 50);
    for (const t of titles) assert.equal(computeTitleKey(t), unicodeTitleKey(t), JSON.stringify(t));
  });

  it('orders history dates as localeCompare does', () => {
    const iso = fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const any = fc.oneof(iso, iso, fc.string({ maxLength: 12 }), fc.constantFrom('2024-09', '2024-9-01', 'Б', 'a', 'A', '2024-09-01T00'));
    const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
    fc.assert(fc.property(any, any, (a, b) => sign(legal8CompareDates(a, b)) === sign(a.localeCompare(b))), params(5000));
  });
});

import { citesAnotherAct as refs8bCites, REFERENCE_PHRASE_PATTERNS as refs8bPatterns } from '../../server/src/model/references';
import { plainText as refs8bPlainText } from '../../server/src/util/plainText';

describe('fast paths (refs8b): reference phrase patterns without `i`/`u` on plain texts (model/references citesAnotherAct)', () => {
  // What the pattern finds in every suffix (the code runs them on slices: the phrase after a
  // number), and every match of a global search over the whole text (lookbehinds see the left context).
  const allMatches = (re: RegExp, s: string): string[] => {
    const out: string[] = [];
    for (let from = 0; from <= s.length; from++) {
      const m = re.exec(s.slice(from));
      out.push(m ? `${m.index}:${JSON.stringify([...m])}` : '-');
    }
    for (const m of s.matchAll(new RegExp(re.source, `${re.flags}g`))) out.push(`g${m.index}:${JSON.stringify([...m])}`);
    return out;
  };
  const same = (s: string): void => {
    assert.ok(refs8bPlainText(s), JSON.stringify(s));
    for (const [name, d] of Object.entries(refs8bPatterns)) {
      const plain = d.get(true);
      const any = d.get(false);
      assert.ok(!/\\p\{/.test(plain.source) && !plain.flags.includes('u'), name);
      assert.deepEqual(allMatches(plain, s), allMatches(any, s), `${name} on ${JSON.stringify(s)}`);
    }
    for (let end = 0; end <= s.length; end++) assert.equal(refs8bCites(s, end, true), refs8bCites(s, end, false), `cites at ${end} of ${JSON.stringify(s)}`);
  };
  const pieces = [
    'пункт', 'пункта', 'подпункта', 'раздела', 'Раздел', 'приложения', 'Приложения', 'ПРИЛОЖЕНИЕ', 'приложение', 'к', 'К ', ' настоящего Положения', 'Настоящего', 'данного порядка', 'данной инструкции',
    'части', 'ч.', 'Ч. ', 'и ', 'статьи', 'Статьи', 'статьей', 'СТ.', 'ст.', 'ст', 'стать', 'статьям', 'Федерального закона', 'федеральный  закон', 'ЗАКОНА', 'Приказа Мин', 'приказом министерства',
    'постановления Правительства', 'постановлений правительства', 'распоряжения', 'указа', 'письма', 'Кодекса', 'устава', 'СанПиН', 'сп 2', 'СП ', 'правил', 'Порядка', 'регламента', 'методических',
    'конвенции', 'договора', 'соглашения', 'Положения об ', 'положения о ', 'положением об', '273-ФЗ', '273 - фз', '№', '№ ', 'N', 'N ', '1', '2', '12', '3.1', '123',
    '«', '»', '"', '“', '„', '.', '. ', ';', ':', ')', '(', ',', ', ', ' ', '  ', '\u00a0', '\t', '\n', '\r\n', '-', '–', 'Ё', 'ё', 'Ель', 'a', 'Z', '_', 'x', 'Б', 'ъ', '…', '§',
  ];
  const recase = (s: string, bits: number): string => [...s].map((c, i) => ((bits >> (i % 31)) & 1 ? c.toUpperCase() : c)).join('');
  it('the twins match as the originals do, and citesAnotherAct answers the same, on random plain texts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), fc.integer({ min: 0, max: 0x7fffffff }), (parts, bits) => same(recase(parts.join(''), bits))),
      params(800),
    );
  });
  it('the twins match as the originals do on every plain line of the shared corpus', () => {
    let lines = 0;
    for (const d of sharedDrafts()) {
      for (const line of d.text.split('\n')) {
        if (!refs8bPlainText(line)) continue;
        same(line);
        lines++;
      }
    }
    assert.ok(lines > 50, `${lines} lines`);
  });
});

// ---------------------------------------------------------------------------------------------
// head8b: section patterns without `u` on plain headings (util/headings), word runs (analysis/script)
// ---------------------------------------------------------------------------------------------

import { matchesPatterns as head8bMatches } from '../../server/src/util/headings';
import { wordRuns as head8bWordRuns } from '../../server/src/analysis/script';

describe('head8b', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const structure = require('../../server/data/structure.json') as { sections: Array<{ patterns: string[] }>; elements: Array<{ patterns: string[] }> };
  const lists: string[][] = [
    ...structure.sections.map((s) => s.patterns),
    ...structure.elements.map((s) => s.patterns).filter((p) => p.length > 0),
    ['^\\p{Lu}\\p{L}+\\s+\\p{N}', '(?<!\\p{L})права(?!\\p{L})', '^[^а-я]+$', 'ё.'],
    ['^\\W*права', 'права\\B'],
    ['^(?<x>общие)', '(', '^общие\\s+\\u{0440}'],
  ];
  const corpus = sharedDrafts().map((d) => d.text);
  const naive = anyPatternIu;
  const words = ['общие', 'Положения', 'ПРАВА', 'и', 'обязанности', 'термины', 'понятия', 'используемые', 'в', 'настоящем', 'Заключение', 'организация', 'работы', 'ё', 'Ё', 'е', 'é', 'ǅ', 'ſ', 'K', 'S', 'k', 'ι', '\u0345', '\u00a0', '-', '—', '«', '»', '1', '٣', '½', '\ud835\udc00', '\ud800', ' ', ',', ':', 'A', 'z', 'Ѡ', 'ѐ'];

  it('matchesPatterns answers as the patterns tried one by one with `iu` (random texts, plain or not)', () => {
    agreesWithAnyPatternIu(head8bMatches, lists, words, 10, 6000, true);
  });

  it('matchesPatterns answers as the patterns tried one by one on every line and clause opening of the shared corpus', () => {
    assert.ok(corpus.length > 0);
    let plainMatches = 0;
    for (const text of corpus) {
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.replace(/^[#\s*\d.]+/, '');
        const opening = lines.slice(i, i + 4).join(' ').slice(0, 240);
        for (const list of lists) {
          for (const s of [line, opening]) {
            const want = naive(list, s);
            assert.equal(head8bMatches(list, s), want, `${JSON.stringify(list)} on ${JSON.stringify(s)}`);
            if (want) plainMatches++;
          }
        }
      }
    }
    assert.ok(plainMatches > 10);
  });

  const same = (text: string): void => {
    const got = head8bWordRuns(text);
    const want = referenceRuns(text);
    assert.equal(got.count, want.starts.length, JSON.stringify(text));
    assert.deepEqual([...got.starts], want.starts, JSON.stringify(text));
    assert.deepEqual([...got.ends], want.ends, JSON.stringify(text));
    assert.deepEqual([...got.plain], want.plain, JSON.stringify(text));
  };

  it('wordRuns keeps the runs and plain flags of the old scan (random texts: Cyrillic stretches, other letters, surrogates, NBSP, hyphens)', () => {
    const pieces = ['слово', 'Ё', 'ё', '\u0400', '\u045f', '\u0460', '\u03ff', 'ab', 'Z', 'é', 'ǅ', 'ſ', '\u0345', ' ', '\u00a0', '-', '‑', '—', '«', '»', '№', '1', '_', '\ud835\udc00', '\ud83d\ude00', '\ud800', '\udc00', 'ιι', 'дa'];
    fc.assert(fc.property(textOf(pieces, 30), (text) => same(text)), params(6000));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => same(text)), params(3000));
  });

  it('wordRuns keeps the runs of the old scan on the shared corpus', () => {
    assert.ok(corpus.length > 0);
    for (const text of corpus) same(text);
  });
});

import { TERMS_TITLE_HINT as r9TermsTitleHint } from '../../server/src/analysis/platform';

describe('round 9: platform definition titles (analysis/platform.ts)', () => {
  /** The pattern computeDefinitionNodes tests a title with (after stripping leading `*`, `_`, spaces). */
  const TERMS_TITLE_RE = /^(?:основные\s+)?(?:термины|понятия|определения)|используемые\s+(?:термины|понятия)|понятия,?\s+используемые/iu;
  const full = (t: string): boolean => TERMS_TITLE_RE.test(t.replace(/^[\s*_]+/, ''));

  it('the pre-filter without `u` accepts every title the pattern matches (random titles)', () => {
    const pieces = ['Термины', 'ТЕРМИНЫ', 'понятия', 'Понятия,', 'определения', 'ОПРЕДЕЛЕНИЯ', 'основные', 'используемые', 'Используемые', ' ', '\u00a0', '*', '_', ',', 'и', 'пон\u1c82ятия', '\u1c84ермины', 'опре\u1c81еления', 'Общие положения', 'x'];
    fc.assert(fc.property(textOf(pieces), (t) => !full(t) || r9TermsTitleHint.test(t)), params(3000));
  });

  it('every letter that `iu` equates with a letter of the pre-filter is accepted by it without `u`', () => {
    for (const letter of new Set('терминпонятопределени')) {
      const iu = new RegExp(letter, 'iu');
      const i = new RegExp(letter, 'i');
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c < 0xe000) continue;
        const s = String.fromCharCode(c);
        if (iu.test(s)) assert.ok(i.test(s), `U+${c.toString(16)} ~ ${letter}`);
      }
    }
  });

  it('the pre-filter accepts every title of the shared corpus the pattern matches', () => {
    for (const { text } of sharedDrafts()) {
      for (const n of buildModel(text).nodes) if (full(n.title)) assert.ok(r9TermsTitleHint.test(n.title), n.title);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// terms9: reference words looked up among the word runs (model/references), acronyms decided by
// character codes (terms/abbreviation)
// ---------------------------------------------------------------------------------------------
describe('fast paths: reference words from word runs (references), acronym test by codes (abbreviation)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findReferences: refs9Find } = require('../../server/src/model/references') as typeof import('../../server/src/model/references');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { wordRuns: refs9Runs } = require('../../server/src/analysis/script') as typeof import('../../server/src/analysis/script');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isAcronym: terms9IsAcronym } = require('../../server/src/rules/terms/abbreviation') as typeof import('../../server/src/rules/terms/abbreviation');
  const same = (text: string): void => {
    const model = buildModel(text);
    const viaRuns = refs9Find(model, undefined, refs9Runs(text).starts);
    const viaHints = refs9Find(buildModel(text));
    assert.deepEqual(JSON.stringify(viaRuns, (k, v) => (k === 'node' || k === 'appendix' ? v?.range : v)), JSON.stringify(viaHints, (k, v) => (k === 'node' || k === 'appendix' ? v?.range : v)), JSON.stringify(text));
    assert.equal(viaRuns.length, viaHints.length);
  };

  it('finds the same references as the hint scan in random texts', () => {
    const pieces = ['п', 'П', 'пп.', 'п. ', 'подп', 'подпункт ', 'пункт ', 'ПУНКТ ', 'Пункт', 'РАЗДЕЛ ', 'ПРИЛОЖЕНИЯ ', 'раздел ', 'разд. ', 'прил. ', 'приложение № ', 'Раздел ',
      'а', 'ами', 'е ', 'и ', '1', '2', '1.2', '3.1', ' ', '\n', '\n\n', '# ', '1. ', '2.1. ', '—', '–', ',', ' и ', ' по ', 'ст. 5', 'Федерального закона', 'настоящего Положения',
      'x', 'ё', 'ᲁ', 'ᲂ', 'ᲂдпункт ', 'é', '\u0345', '\ud835\udc00', '«', '»', '`', '```\n', '<!-- ', ' -->', '\u00a0'];
    // Letters that fold to plain ones (ᲂ → о) right after the first letter, which only the regex reads as such.
    for (const t of ['1. Текст\n\n1.1. См. пᲂдпункт 1.1, пᲂдп. 1 и п. 1.1.\n', 'Пᲂдпункт 2 и рᲀздел 1\n']) same(t);
    fc.assert(fc.property(textOf(pieces, 40), (t) => same(t)), params(1500));
  });

  it('finds the same references as the hint scan in the shared drafts', () => {
    for (const { text } of sharedDrafts()) same(text);
  });

  it('isAcronym agrees with the acronym pattern on random words', () => {
    const ACRONYM = /^[\p{L}]*\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*$/u;
    const pieces = ['И', 'К', 'О', 'П', 'и', 'к', 'ё', 'Ё', 'A', 'b', 'Z', 'z', 'É', 'é', 'ǅ', 'Ꙋ', '\ud835\udc00', '\ud835\udc1a', '1', ' ', '-', 'ß', 'Ѐ', 'ѐ'];
    fc.assert(
      fc.property(textOf(pieces, 12), (w) => {
        assert.equal(terms9IsAcronym(w), ACRONYM.test(w), JSON.stringify(w));
      }),
      params(5000),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Legal (round 9): one cue scan for kind words, reversed `ФЗ` and `-ФЗ` / `-20` suffixes
// ---------------------------------------------------------------------------------------------

describe('fast paths: one cue scan for all citation anchors (legal, round 9)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { citationInternals } = require('../../server/src/legal/citations') as typeof import('../../server/src/legal/citations');
  /** The anchors before the joint scan: a global scan of each anchor regex from `from`, merged (a kind first on a tie). */
  const reference = (s: string, from: number): Array<{ start: number; end: number; type: string }> => {
    const scan = (re: RegExp, type: string): Array<{ start: number; end: number; type: string }> => {
      const g = new RegExp(re.source, re.flags);
      g.lastIndex = from;
      const out: Array<{ start: number; end: number; type: string }> = [];
      for (let m = g.exec(s); m; m = g.exec(s)) out.push({ start: m.index, end: m.index + m[0].length, type });
      return out;
    };
    return [...scan(OLD_KIND_RE, 'kind'), ...scan(OLD_FZ_ANCHOR_RE, 'fz'), ...scan(OLD_FZ_REVERSED_RE, 'fz'), ...scan(OLD_CODE_RE, 'code')].sort(
      (a, b) => a.start - b.start || (a.type === 'kind' ? -1 : b.type === 'kind' ? 1 : 0),
    );
  };
  // Cues overlapping one another: a suffix ending with a reversed number's `ФЗ`, `ФЗ` before a kind word, stems glued.
  const pieces = [
    '- ФЗ-152', '-ФЗ-152', '– ФЗ № 15', 'ФЗакон', 'ФЗ', 'Ф3', 'фз', 'ФКЗ', '-', '—', ' ', '\n', '\u00a0', '152', '20', '-20', '273', '№', 'N ',
    'закон', 'Закон РФ', 'федеральным законом', 'приказом', 'указом Президента', 'писем', 'письма', 'постановление', 'распоряжения', 'СП 2.4', 'СанПиН', '.1', '/2',
    'закона', 'указакон', 'приказФЗ-1', 'Абв', 'ᲂ', 'пᲂстановлением', '😀',
  ];
  it('finds the anchors of the separate scans on random texts', () => {
    fc.assert(
      fc.property(textOf(pieces, 30), fc.nat(10), (text, f) => {
        const from = Math.min(f, text.length);
        assert.deepEqual(citationInternals.anchors(text, from), reference(text, from), JSON.stringify(text));
      }),
      params(3000),
    );
  });

  it('finds the anchors of the separate scans in the shared drafts', () => {
    for (const { name, text } of sharedDrafts()) assert.deepEqual(citationInternals.anchors(text), reference(text, 0), name);
  });
});

describe('fast paths (model9): running-header signatures before lowercased keys (model/clauseTree.ts repeatedLines)', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { keySignature, collapseWs } = require('../../server/src/model/clauseTree') as typeof import('../../server/src/model/clauseTree');
  /* eslint-enable @typescript-eslint/no-require-imports */
  /** The key repeatedLines groups by (the code before the signature). */
  const key = (s: string): string => collapseWs(s).toLowerCase();
  // Pieces whose lowercase is tricky: İ (expands), Σ/σ/ς (final sigma), the Kelvin sign, Ё/Ѐ, astral letters, white space.
  const pieces = ['А', 'а', 'Ё', 'ё', 'Ѐ', 'ѐ', 'I', 'i', 'İ', 'i\u0307', '\u0307', 'Σ', 'σ', 'ς', '\u212a', 'k', 'K', '𐐀', '𐐨', 'Ⓐ', 'ⓐ', ' ', '  ', '\t', '\u00a0', '.', '1'];
  const variant = (s: string, flips: readonly boolean[]): string =>
    Array.from(s).map((ch, k) => (flips[k % flips.length] ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join('');
  it('lines with equal keys have equal signatures (plain or not), on random texts and their case/space variants', () => {
    fc.assert(fc.property(textOf(pieces, 12), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), textOf(pieces, 12), (a, flips, c) => {
      for (const b of [variant(a, flips), a.replace(/ /g, '\t'), a.replace(/\s+/g, ' '), c]) {
        if (key(a) !== key(b)) continue;
        assert.equal(keySignature(collapseWs(a), false), keySignature(collapseWs(b), false), JSON.stringify([a, b]));
      }
    }), params(20000));
  });
  it('the lowercase of every code unit: the unit alone and in a word, first and last (plain texts hold no İ)', () => {
    for (const c of ALL_UNITS) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, 'а' + ch, ch + 'а', 'Α' + ch]) {
        const k = key(s);
        assert.equal(keySignature(collapseWs(s), false), keySignature(k, false), JSON.stringify(s));
        if (c !== 0x130) assert.equal(keySignature(collapseWs(s), true), keySignature(k, true), JSON.stringify(s));
      }
    }
  });
});

describe('fast paths (morph9): wanted words found by `test` and a step back, one-word surfaces matched without a call', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const morph = require('../../server/src/morph') as typeof import('../../server/src/morph');
  /* eslint-enable @typescript-eslint/no-require-imports */
  type P = import('../../server/src/morph').Paradigm;
  type M = import('../../server/src/morph').FormMatch;
  // U+1C82 (a letter, not plain) turns the word index off: findForms then uses the paradigm's `iu` regex.
  const byRegex = (text: string, p: P): M[] => morph.findForms(text + '\n\u1c82', p).filter((m) => m.end <= text.length);
  const ps: P[] = morph.paradigmIds().map((id) => morph.paradigm(id)!);
  const each = (t: string): [number, M][] | undefined => {
    const seen: [number, M][] = [];
    return morph.findFormsEach(t, ps, (i, m) => seen.push([i, m])) ? seen : undefined;
  };
  const expected = (t: string): [number, M][] => {
    const all = ps.flatMap((p, i) => byRegex(t, p).map((m) => [i, m] as [number, M]));
    return all.sort((a, b) => a[1].start - b[1].start || a[0] - b[0]);
  };
  // One-word surfaces glued to letters, digits, `_` and hyphens on either side, at the text's ends.
  const words = [...new Set(ps.flatMap((p) => Object.values(p.forms)).filter((f) => /^[а-яё]+$/i.test(f)))];
  const glue = ['', ' ', '-', '‑', 'а', 'Z', '5', '_', '\n', '«', '»', ' - ', 'ё'];

  it('findFormsEach on random texts finds what the paradigm regexes find', () => {
    let served = 0;
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...glue), fc.constantFrom(...words, ...words.slice(0, 30).map((w) => w.toUpperCase()))), { maxLength: 12 }), fc.constantFrom(...glue), (parts, tail) => {
      const t = parts.map(([g, w]) => g + w).join('') + tail;
      const seen = each(t);
      if (!seen) return;
      served++;
      assert.deepEqual(seen, expected(t), JSON.stringify(t));
    }), params(1500));
    assert.ok(served > 1400, `served ${served}`);
  });

  it('findFormsEach on the shared drafts finds what the paradigm regexes find', () => {
    for (const { name, text } of sharedDrafts()) {
      const seen = each(text);
      assert.ok(seen && seen.length > 0, name);
      assert.deepEqual(seen, expected(text), name);
    }
  });
});

describe('fast paths (roles9): trie-shaped literal finder, quote marks read once, definition lead without a slice', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rm = require('../../server/src/analysis/roleMentions') as typeof import('../../server/src/analysis/roleMentions');
  /** The flat alternation the finder was before (one branch per literal, as literalSet wrote it). */
  const flatFinder = (lits: ReadonlyArray<readonly [string, boolean]>): RegExp => {
    const alts = new Set<string>();
    for (const [l, ci] of lits) {
      let alt = '';
      for (const ch of l) {
        const lo = ch.toLowerCase();
        const up = ch.toUpperCase();
        alt += ci && lo !== up && lo.length === 1 && up.length === 1 ? '[' + lo + up + ']' : ch.replace(/[\\^$.*+?()[\]{}|/-]/, '\\$&');
      }
      alts.add(alt);
    }
    return new RegExp([...alts].join('|'), 'g');
  };
  const starts = (re: RegExp, t: string): number[] => {
    const out: number[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) { out.push(m.index); re.lastIndex = m.index + 1; }
    return out;
  };

  it('the trie finder matches at exactly the starts of the flat alternation (shared prefixes, prefix literals, case rules)', () => {
    const CH = ['а', 'А', 'б', 'Б', 'е', 'Ё', 'x', 'X', '.', '(', '|', '№', ' '];
    const lit = fc.tuple(fc.constantFrom('аба', 'абе', 'АБе', 'Xаб', 'xаб'), fc.array(fc.constantFrom(...CH), { maxLength: 3 })).map(([h, t]) => h + t.join(''));
    const txt = textOf([...CH, 'аба', 'АБЕ', 'xАб', 'абе.'], 40);
    const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    fc.assert(
      fc.property(fc.array(fc.tuple(lit, fc.boolean()), { minLength: 1, maxLength: 6 }), txt, (lits, t) => {
        const exprs = lits.map(([l, ci]) => [esc(l), ci ? 'iu' : 'u'] as const);
        const set = literalSet(exprs);
        // The literals the set reads off each joint expression (an escape ends a literal).
        const want: Array<readonly [string, boolean]> = [];
        exprs.forEach(([src], i) => { if (set.joint[i]) for (const l of requiredLiterals(src)!.literals) want.push([l, lits[i]![1]]); });
        if (want.length === 0) return;
        assert.deepEqual(starts(set.finder, t), starts(flatFinder(want), t), `${JSON.stringify(lits)} in ${JSON.stringify(t)}`);
      }),
      params(3000),
    );
  });

  it('the finder of the built-in markers finds the flat alternation\'s starts in the shared drafts', () => {
    const data = rolesData(undefined);
    const exprs = [...(['school', 'college'] as const).flatMap((k) => data.institutionMarkers[k].map((m) => [m.pattern, m.caseSensitive ? 'u' : 'iu'] as const)), ...data.platformRoles.maxMarkers.map((s) => [s, 'u'] as const)];
    const set = literalSet(exprs);
    const lits: Array<readonly [string, boolean]> = [];
    exprs.forEach(([src, flags], i) => { if (set.joint[i]) for (const l of requiredLiterals(src)!.literals) lits.push([l, flags.includes('i')]); });
    const flat = flatFinder(lits);
    let seen = 0;
    for (const { name, text } of sharedDrafts()) {
      const want = starts(flat, text);
      seen += want.length;
      assert.deepEqual(starts(set.finder, text), want, name);
    }
    assert.ok(seen > 0);
  });

  const QUOTE_PIECES = ['«', '»', '“', '”', '„', '"', '\n', 'а', 'б', ' ', 'абвгдежзик', 'абвгдежзик абвгдежзик'];

  it('quotedFromMarks finds what the QUOTED pattern finds', () => {
    const QUOTED = /[«“"]([^«»“”"\n]{2,60})[»”"]/gu;
    const check = (t: string): void => {
      const want = [...t.matchAll(QUOTED)].map((m) => [m.index!, m.index! + 1 + m[1]!.length]);
      const got: number[][] = [];
      rm.quotedFromMarks(t, rm.quoteMarks(t), (o, c) => got.push([o, c]));
      assert.deepEqual(got, want, JSON.stringify(t));
    };
    fc.assert(fc.property(textOf(QUOTE_PIECES, 30), (t) => check(t)), params(5000));
    for (const { text } of sharedDrafts()) check(text);
  });

  it('lineQuotes from the marks of the text tells what insideQuotes tells', () => {
    fc.assert(
      fc.property(textOf(QUOTE_PIECES, 20), fc.nat(), fc.nat(), fc.nat(), (t, a, b, c) => {
        const lineStart = a % (t.length + 1);
        const lineEnd = lineStart + (b % (t.length - lineStart + 2));
        const q = rm.lineQuotes(t, rm.quoteMarks(t), lineStart, lineEnd);
        for (let off = lineStart; off <= q.end; off++) {
          assert.equal(rm.insideLineQuotes(q, off), rm.insideQuotes(t, lineStart, off), `${JSON.stringify(t)} ${lineStart}-${lineEnd} @${off} (${c})`);
        }
      }),
      params(3000),
    );
  });

  it('onlyDefinitionLead agrees with the regex on every code unit and on random leads', () => {
    const RE = /^[\s\-–—•·*_\d.)⇒]*$/u;
    for (let c = 0; c < 0x10000; c++) {
      const s = 'x' + String.fromCharCode(c) + 'y';
      assert.equal(rm.onlyDefinitionLead(s, 1, 2), RE.test(s.slice(1, 2)), c.toString(16));
    }
    fc.assert(
      fc.property(textOf([' ', '\u00a0', '-', '–', '—', '•', '·', '*', '_', '1', '9', '.', ')', '⇒', 'а', '(', '\t'], 12), (t) => {
        assert.equal(rm.onlyDefinitionLead(t, 0, t.length), RE.test(t));
      }),
      params(2000),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// structure9: flattened texts by spots, the flat text's plainness, entry into force tail first
// ---------------------------------------------------------------------------------------------

describe('fast paths (structure9): flat texts, their plainness, tail-first element search (structure/required-elements)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const re9 = require('../../server/src/rules/structure/required-elements') as typeof import('../../server/src/rules/structure/required-elements');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { foldMixedWords: fold9 } = require('../../server/src/rules/structure/required-sections') as typeof import('../../server/src/rules/structure/required-sections');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { plainText: plain9 } = require('../../server/src/util/plainText') as typeof import('../../server/src/util/plainText');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const structure9 = require('../../server/data/structure.json') as { elements: Array<{ id: string; patterns: string[] }> };
  /** The replaces the one-pass flattening stands for (see `FlatTexts`). */
  const naiveFlat = (t: string) => ({ searchable: t.replace(/[*_\\]/g, '').replace(/\s+/g, ' ').trim(), voluntary: t.replace(/[*_]/g, '').replace(/\s+/g, ' ') });
  const SPACES = [' ', '  ', '\n', '\r\n', '\t', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b'];
  const PIECES9 = [...SPACES, '*', '**', '_', '\\', '\\*', 'a', 'Б', 'слово', 'x y', '«', '»', '.', '\ud83d', '\ude00', '\ud83d\ude00', 'é', 'Ⅻ', 'Оo', 'Kб'];

  it('flatTexts equals the regex replaces on random texts and on the shared drafts', () => {
    const check = (t: string): void => assert.deepEqual({ ...re9.flatTexts(t) }, naiveFlat(t), JSON.stringify(t));
    fc.assert(fc.property(textOf(PIECES9, 40), (t) => check(t)), params(6000));
    for (const { text } of sharedDrafts()) check(text);
    for (let c = 0; c < 0x10000; c++) check(`а *${String.fromCharCode(c)}\n_б\\`);
  });

  it('the folded flat text is plain exactly when the text is (so the draft\'s cached answer is used)', () => {
    const check = (t: string): void => assert.equal(plain9(fold9(re9.flatTexts(t).searchable)), plain9(t), JSON.stringify(t));
    fc.assert(fc.property(textOf(PIECES9, 30), (t) => check(t)), params(4000));
    for (const { text } of sharedDrafts()) check(text);
    for (let c = 0; c < 0x10000; c++) check(`Пoложение ${String.fromCharCode(c)}x *a*`);
  });

  it('matchesTailFirst answers as the patterns tried one by one on the whole text', () => {
    const entry = structure9.elements.find((e) => e.id === 'entry-into-force')!.patterns;
    const lists = [
      entry,
      // Patterns that look before their start: the tail must not be trusted.
      ['^вступает', 'срок'],
      ['(?<!не )вступает\\s+в\\s+силу'],
      ['\\bсилу', 'действие$'],
      ['(?<=а)б'],
      ['[^а]б'],
      ['(в)\\s+\\1'],
    ];
    const words = ['вступает', 'в', 'силу', 'не', 'действует', 'до', 'со', 'дня', 'срок', 'действия', 'введено', 'действие', 'а', 'б', 'аб', ' ', '\n', 'Ё', '\ud83d\ude00', '\ude00', '\ud83d', 'K', 'é'];
    agreesWithAnyPatternIu((l, s) => re9.matchesTailFirst(l, s, plain9(s)), lists, words, 16, 6000, true);
    for (const { text } of sharedDrafts()) {
      const flat = fold9(re9.flatTexts(text).searchable);
      for (let cut = 0; cut <= flat.length; cut += Math.max(1, flat.length >> 4)) {
        const s = flat.slice(0, cut);
        assert.equal(re9.matchesTailFirst(entry, s, plain9(s)), anyPatternIu(entry, s), `cut ${cut}`);
      }
    }
  });
});

describe('fast paths (structure9): self-reference scans without `u` on plain lines (structure/title)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { titleInternals: title9 } = require('../../server/src/rules/structure/title') as typeof import('../../server/src/rules/structure/title');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { plainText: plainT9 } = require('../../server/src/util/plainText') as typeof import('../../server/src/util/plainText');
  const pieces = [
    'настоящее', 'Настоящий', 'НАСТОЯЩЕГО', 'данного', 'Данным', 'данн', 'настоящ', 'далее', 'Далее', 'ДАЛЕЕ', ' ', '  ', '\u00a0', ' - ', ' – ', '—', '1.', '2.3 ', '. ', '; ',
    'положение', 'Положение', 'ПОЛОЖЕНИЕ', 'Положения', 'порядок', 'Порядком', 'правила', 'Правил', 'регламент', 'инструкцию', 'Инструкцией', 'разработано', 'принимается',
    'устанавливает', 'ая', 'ий', 'ое', 'о', 'а', 'об', '«', '»', '"', '.', ':', 'x', 'ё', 'Ё', 'K', 's', 'ᲂ', 'é',
  ];
  const kinds = ['ПОЛОЖЕНИЕ', 'ПОРЯДОК', 'ПРАВИЛА', 'РЕГЛАМЕНТ', 'ИНСТРУКЦИЯ'];

  it('on a plain line the scans without `u` find the self-references the `iu` scans find', () => {
    let plainSeen = 0;
    fc.assert(
      fc.property(textOf(pieces, 24), fc.constantFrom(...kinds), (content, kind) => {
        if (!plainT9(content)) return;
        plainSeen++;
        assert.deepEqual(title9.selfRefs(content, kind, true), title9.selfRefs(content, kind, false), `${kind} ${JSON.stringify(content)}`);
        const [a, b] = [title9.scans(content, true), title9.scans(content, false)];
        const view = (ms: RegExpExecArray[]): string[] => ms.map((m) => `${m.index}:${[...m].join('|')}`);
        assert.deepEqual(view(a.adj[0]), view(b.adj[0]));
        assert.deepEqual(view(a.dalee[0]), view(b.dalee[0]));
      }),
      params(5000),
    );
    assert.ok(plainSeen > 1000, `only ${plainSeen} plain lines`);
    for (const { text } of sharedDrafts()) {
      for (const line of text.split('\n')) {
        if (plainT9(line)) for (const kind of kinds) assert.deepEqual(title9.selfRefs(line, kind, true), title9.selfRefs(line, kind, false), line);
      }
    }
  });
});

describe('fast paths: report paths without path.relative (cli/files displayPath)', () => {
  /** The function as it was: path.relative for every file. */
  const reference = (file: string, cwd: string): string => {
    const rel = path.relative(cwd, file);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  };
  const segment = fc.constantFrom('a', 'b', 'проект', '.', '..', '', '..x', '.md', 'a b', 'x.md');
  const absPath = fc.array(segment, { minLength: 0, maxLength: 5 }).map((parts) => '/' + parts.join('/'));

  it('gives what path.relative gave, for normalised and other paths alike', () => {
    fc.assert(
      fc.property(absPath, absPath, fc.boolean(), (a, b, nested) => {
        // Half the files under the cwd: the fast path's case.
        const file = nested ? `${a}/${b.slice(1)}` : b;
        assert.equal(displayPath(file, a), reference(file, a));
        assert.equal(displayPath(path.resolve(file), path.resolve(a)), reference(path.resolve(file), path.resolve(a)));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });
});
