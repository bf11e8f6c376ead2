/**
 * The kind words of citations in every grammatical case: recognition (ending → case) and
 * generation (case → form), so a replacement keeps the case of what it replaces.
 */
import { DualRe } from './plainRe';
import type { ActKind, GrammaticalCase } from './types';

/** Singular forms of each kind phrase by case. */
const FORMS: Record<ActKind, Record<GrammaticalCase, string>> = {
  'federal-law': { nom: 'Федеральный закон', gen: 'Федерального закона', dat: 'Федеральному закону', ins: 'Федеральным законом', prep: 'Федеральном законе' },
  law: { nom: 'Закон РФ', gen: 'Закона РФ', dat: 'Закону РФ', ins: 'Законом РФ', prep: 'Законе РФ' },
  resolution: { nom: 'Постановление', gen: 'Постановления', dat: 'Постановлению', ins: 'Постановлением', prep: 'Постановлении' },
  directive: { nom: 'Распоряжение', gen: 'Распоряжения', dat: 'Распоряжению', ins: 'Распоряжением', prep: 'Распоряжении' },
  order: { nom: 'Приказ', gen: 'Приказа', dat: 'Приказу', ins: 'Приказом', prep: 'Приказе' },
  letter: { nom: 'Письмо', gen: 'Письма', dat: 'Письму', ins: 'Письмом', prep: 'Письме' },
  decree: { nom: 'Указ', gen: 'Указа', dat: 'Указу', ins: 'Указом', prep: 'Указе' },
  guidelines: { nom: 'Методические рекомендации', gen: 'Методических рекомендаций', dat: 'Методическим рекомендациям', ins: 'Методическими рекомендациями', prep: 'Методических рекомендациях' },
};

/** Russian names of kinds (nominative, lower case) for messages. */
export const KIND_NAMES: Record<ActKind, string> = {
  'federal-law': 'федеральный закон',
  law: 'закон РФ',
  resolution: 'постановление',
  directive: 'распоряжение',
  order: 'приказ',
  letter: 'письмо',
  decree: 'указ',
  guidelines: 'методические рекомендации',
};

/** The kind phrase in a case, capitalised or not. */
export function kindForm(kind: ActKind, gcase: GrammaticalCase, capital = true): string {
  const s = FORMS[kind][gcase];
  return capital ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

// Endings → [case, plural]. Masculine nouns (закон, приказ, указ), neuter in -ие, письмо.
const MASC: Record<string, [GrammaticalCase, boolean]> = {
  '': ['nom', false], а: ['gen', false], у: ['dat', false], ом: ['ins', false], е: ['prep', false],
  ы: ['nom', true], ов: ['gen', true], ам: ['dat', true], ами: ['ins', true], ах: ['prep', true],
};
const NEUT_IE: Record<string, [GrammaticalCase, boolean]> = {
  е: ['nom', false], я: ['gen', false], ю: ['dat', false], ем: ['ins', false], и: ['prep', false],
  й: ['gen', true], ям: ['dat', true], ями: ['ins', true], ях: ['prep', true],
};
const PISMO: Record<string, [GrammaticalCase, boolean]> = {
  о: ['nom', false], а: ['gen', false], у: ['dat', false], ом: ['ins', false], е: ['prep', false],
  ам: ['dat', true], ами: ['ins', true], ах: ['prep', true],
};

const alt = (m: Record<string, unknown>): string =>
  Object.keys(m).sort((a, b) => b.length - a.length).map((e) => e).join('|');

/**
 * `[^\S\r\n]` (white space but a line break) spelled out: the same characters (`\s` is a fixed
 * list), but V8 compiles the negated form many times slower under the `iu` flags, and every
 * issuer pattern carries several.
 */
const SP = String.raw`[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]`;
/** Between words of a phrase: spaces and at most one line break. */
export const WS = String.raw`(?:${SP}+(?:(?:\r\n|\r|\n)${SP}*)?|(?:\r\n|\r|\n)${SP}*)`;
/** Optional whitespace, at most one line break. */
export const WS0 = String.raw`(?:${SP}*(?:(?:\r\n|\r|\n)${SP}*)?)`;
const END = String.raw`(?![\p{L}\p{N}])`;
const START = String.raw`(?<![\p{L}\p{N}])`;

/**
 * Kind words. Named groups carry the ending so the case can be read back. `Закон` alone is a
 * kind only when followed by `РФ` / `Российской Федерации` (otherwise it is an ordinary word).
 */
export const KIND_RE = new RegExp(
  START +
    '(?:' +
    String.raw`(?<fl>федеральн(?:ый|ого|ому|ыми|ым|ом|ые|ых)${WS}закон(?<fle>${alt(MASC)}))` +
    String.raw`|(?<law>закон(?<lawe>${alt(MASC)})${WS}(?:РФ|Р\.\s*Ф\.|Российской${WS}Федерации))` +
    String.raw`|(?<res>постановлени(?<rese>${alt(NEUT_IE)}))` +
    String.raw`|(?<dir>распоряжени(?<dire>${alt(NEUT_IE)}))` +
    String.raw`|(?<ord>приказ(?<orde>${alt(MASC)}))` +
    String.raw`|(?<let>(?:письм(?<lete>${alt(PISMO)})|писем))` +
    String.raw`|(?<dec>указ(?<dece>${alt(MASC)})(?=${WS}Президента))` +
    ')' +
    END,
  'giu',
);

/**
 * The words every alternative of {@link KIND_RE} begins with (keep in step with it). A plain
 * alternation of literals is found by V8 many times faster than {@link KIND_RE} scans the text
 * (its lookbehind comes first); the parser finds these words, then runs {@link KIND_RE} sticky at
 * each one. A kind word starts where no letter precedes it, so it never starts inside a stem found
 * before it: the two ways give the same matches. No `u` flag: without it the case-insensitive scan
 * is cheaper, and it folds these Cyrillic letters exactly as `iu` does (checked over the BMP).
 */
export const KIND_STEM_RE = /федеральн|закон|постановлени|распоряжени|приказ|письм|писем|указ/gi;

/** Reads kind, case and number from a {@link KIND_RE} match. */
export function kindOfMatch(m: RegExpExecArray): { kind: ActKind; case: GrammaticalCase; plural: boolean } {
  const g = m.groups ?? {};
  const pick = (table: Record<string, [GrammaticalCase, boolean]>, ending: string | undefined): [GrammaticalCase, boolean] =>
    table[(ending ?? '').toLowerCase()] ?? ['nom', false];
  let kind: ActKind;
  let cp: [GrammaticalCase, boolean];
  if (g['fl']) { kind = 'federal-law'; cp = pick(MASC, g['fle']); }
  else if (g['law']) { kind = 'law'; cp = pick(MASC, g['lawe']); }
  else if (g['res']) { kind = 'resolution'; cp = pick(NEUT_IE, g['rese']); }
  else if (g['dir']) { kind = 'directive'; cp = pick(NEUT_IE, g['dire']); }
  else if (g['ord']) { kind = 'order'; cp = pick(MASC, g['orde']); }
  else if (g['let']) { kind = 'letter'; cp = g['lete'] === undefined ? ['gen', true] : pick(PISMO, g['lete']); }
  else { kind = 'decree'; cp = pick(MASC, g['dece']); }
  return { kind, case: cp[0], plural: cp[1] };
}

/** True for the characters of {@link WS}: `SP` and the line breaks. */
function isWsChar(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Lower case of a Cyrillic capital А–Я (the kind words' letters), other code units as they are. */
function lowerCyr(c: number): number {
  return c >= 0x410 && c <= 0x42f ? c + 0x20 : c;
}

/**
 * {@link kindOfMatch} read from the text of a {@link KIND_RE} match, with no capture groups: the
 * alternatives begin with different letters (the stem says the kind) and the ending is what
 * follows the stem (in «федеральн… закон…», what follows «закон» after the last space; in «закон…
 * РФ», what precedes the first space). Letters folding to the stems' letters (`ᲂ` for `о`) keep
 * the stem's length, so the offsets hold for them too.
 */
export function kindOfText(s: string): { kind: ActKind; case: GrammaticalCase; plural: boolean } {
  const c0 = lowerCyr(s.charCodeAt(0));
  let kind: ActKind;
  let table: Record<string, [GrammaticalCase, boolean]>;
  let ending: string;
  if (c0 === 0x444) {
    // федеральн… WS закон…
    let i = s.length - 1;
    while (i >= 0 && !isWsChar(s.charCodeAt(i))) i--;
    kind = 'federal-law'; table = MASC; ending = s.slice(i + 1 + 5);
  } else if (c0 === 0x437) {
    // закон… WS РФ
    let i = 5;
    while (i < s.length && !isWsChar(s.charCodeAt(i))) i++;
    kind = 'law'; table = MASC; ending = s.slice(5, i);
  } else if (c0 === 0x440) {
    kind = 'directive'; table = NEUT_IE; ending = s.slice(11);
  } else if (c0 === 0x443) {
    kind = 'decree'; table = MASC; ending = s.slice(4);
  } else {
    const c1 = lowerCyr(s.charCodeAt(1));
    if (c1 === 0x43e || c1 === 0x1c82) {
      kind = 'resolution'; table = NEUT_IE; ending = s.slice(12);
    } else if (c1 === 0x440) {
      kind = 'order'; table = MASC; ending = s.slice(6);
    } else {
      // письм… or писем (genitive plural, no ending group)
      if (lowerCyr(s.charCodeAt(3)) !== 0x44c) return { kind: 'letter', case: 'gen', plural: true };
      kind = 'letter'; table = PISMO; ending = s.slice(5);
    }
  }
  const cp = table[ending.toLowerCase()] ?? ['nom', false];
  return { kind, case: cp[0], plural: cp[1] };
}

const CASE_INS_RE = new DualRe(String.raw`соответстви\p{L}*\s+с\s*:?\s*$`, 'iu');
const CASE_INS_SHORT_RE = new DualRe(String.raw`\sс\s*:?\s*$`, 'iu');
const CASE_DAT_RE = new DualRe(String.raw`согласно\s*:?\s*$`, 'iu');
const CASE_GEN_RE = new DualRe(String.raw`основани\p{L}*(?:\s+\p{L}+){0,6}\s*:?\s*$`, 'iu');

/**
 * The case a basis clause asks for after its introduction: «в соответствии с» → ins, «на основании» → gen.
 * `plain`: `intro` is part of a plain text (util/plainText.ts), so the cheap flavour of the patterns serves.
 */
export function caseAfter(intro: string, plain = false): GrammaticalCase {
  // The `\p{L}` regexes are costly to compile: each runs only when its stem is in the text (the
  // stem tests need no `u`: they fold these letters as `iu` does).
  if ((/соответстви/i.test(intro) && CASE_INS_RE.get(plain).test(intro)) || CASE_INS_SHORT_RE.get(plain).test(intro)) return 'ins';
  if (CASE_DAT_RE.get(plain).test(intro)) return 'dat';
  if (/основани/i.test(intro) && CASE_GEN_RE.get(plain).test(intro)) return 'gen';
  return 'nom';
}
