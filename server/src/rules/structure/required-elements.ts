/**
 * structure/required-elements
 *
 * What it checks: the elements of the profile that are not sections (`knowledge.structure.elements`,
 * regulations.md §3): the normative-basis clause (and that it cites Федеральный закон № 273-ФЗ),
 * the body that adopts the act (педагогический совет …), the councils' opinion (ч. 3 ст. 30
 * 273-ФЗ — proven by «с учетом мнения совета обучающихся …» or by stamps «СОГЛАСОВАНО Студенческим
 * советом / Советом родителей», «УЧТЕНО МНЕНИЕ»), the entry into force. The approval stamp has its
 * own rule (structure/approval-stamp). Each element's severity comes from the profile.
 * Why: without these elements the act's legal basis, the procedure of its adoption and the
 * moment it takes effect cannot be shown; prosecutors' protests cite exactly these omissions.
 * Options: none (the elements and their patterns are data: `structure.elements`).
 * The basis without 273-ФЗ is reported by legal/basis-without-273, not here.
 * Fix: a quick fix (not applied by «исправить всё»: the wording is the author's) appends a standard
 * clause for the missing element to the general section (the final one for the entry into force).
 */
import { insertElementFix } from '../../service/insertSection';
import type { RuleContext } from '../types';
import { defineRule } from '../types';
import { documentAnchor, findSection, foldMixedWords, matchesAny } from './required-sections';

/**
 * The text with emphasis removed and whitespace runs collapsed, plus a map back to offsets
 * (left empty when `withMap` is false: the rule below reads only the text).
 */
export function searchableText(text: string, withMap = true): { text: string; map: number[] } {
  if (!withMap) return { text: foldMixedWords(flatTexts(text).searchable), map: [] };
  // Kept characters are collected as runs of the original text (one slice per run, not one
  // string per character): this runs over whole documents, 1 MB ones included.
  const parts: string[] = [];
  const map: number[] = [];
  let space = false;
  let kept = false;
  let runStart = -1;
  const flush = (end: number): void => {
    if (runStart >= 0) parts.push(text.slice(runStart, end));
    runStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 42 /* * */ || code === 95 /* _ */ || code === 92 /* \ */) {
      flush(i);
      continue;
    }
    if (isSpace(code)) {
      flush(i);
      space = true;
      continue;
    }
    if (space && kept) {
      parts.push(' ');
      map.push(i - 1);
    }
    space = false;
    kept = true;
    if (runStart < 0) runStart = i;
    map.push(i);
  }
  flush(text.length);
  return { text: foldMixedWords(parts.join('')), map };
}

const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** The flattened texts the structure rules search, made in one pass (see {@link flatTexts}). */
export interface FlatTexts {
  /** `text.replace(/[*_\\]/g, '').replace(/\s+/g, ' ').trim()`: {@link searchableText} before folding. */
  readonly searchable: string;
  /** `text.replace(/[*_]/g, '').replace(/\s+/g, ' ')`: what structure/max-voluntariness reads. */
  readonly voluntary: string;
}

/** {@link flatTexts} of the analysed text, once per analysis. */
export function flatTextsOf(ctx: RuleContext): FlatTexts {
  return ctx.memo('structure/flatTexts', () => flatTexts(ctx.text));
}

/**
 * Both flattened texts from one pass over the code units, written into a typed buffer decoded
 * once: several times cheaper than the regex replaces (or than slicing runs) on the ~150 000
 * whitespace runs of a 1 MB draft. A whitespace run becomes one space even when dropped marks
 * stand inside it. The pass makes `voluntary`; without a backslash in the text, `searchable` is
 * `voluntary` trimmed (its only whitespace is single spaces), else a second pass makes it.
 */
function flatTexts(text: string): FlatTexts {
  const len = text.length;
  // The result is not longer than the text: a space stands for at least one whitespace character.
  const b = bufferFor(len);
  let nb = 0;
  let space = false;
  let surrogate = false;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 0x1680 && c !== 42 && c !== 95 && c !== 0xa0) {
      // The common case first (ASCII and Cyrillic letters, digits, punctuation).
      if (space) {
        b[nb++] = 32;
        space = false;
      }
      b[nb++] = c;
      continue;
    }
    if (c === 42 /* * */ || c === 95 /* _ */) continue;
    if (isSpace(c)) {
      space = true;
      continue;
    }
    if (space) b[nb++] = 32;
    space = false;
    if (c >= 0xd800 && c <= 0xdfff) surrogate = true;
    b[nb++] = c;
  }
  if (space) b[nb++] = 32;
  const voluntary = decode(b, nb, surrogate);
  return { searchable: text.includes('\\') ? searchablePass(text, surrogate) : voluntary.trim(), voluntary };
}

/** `text.replace(/[*_\\]/g, '').replace(/\s+/g, ' ').trim()` in one pass (see {@link flatTexts}). */
function searchablePass(text: string, surrogate: boolean): string {
  const len = text.length;
  const a = bufferFor(len);
  let na = 0;
  let space = false;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */ || c === 95 /* _ */ || c === 92 /* \ */) continue;
    if (isSpace(c)) {
      space = true;
      continue;
    }
    if (space && na > 0) a[na++] = 32;
    space = false;
    a[na++] = c;
  }
  return decode(a, na, surrogate);
}

/**
 * A buffer of at least `len` code units: one reused buffer for drafts up to 64 K units (the
 * texts are decoded out of it before the next use), a new one for longer texts (not kept).
 */
function bufferFor(len: number): Uint16Array {
  if (len > SCRATCH_UNITS) return new Uint16Array(len);
  return (scratch ??= new Uint16Array(SCRATCH_UNITS));
}

const SCRATCH_UNITS = 1 << 16;
let scratch: Uint16Array | undefined;

function decode(buf: Uint16Array, n: number, surrogate: boolean): string {
  if (!surrogate) return UTF16.decode(buf.subarray(0, n));
  // A lone surrogate would be decoded as U+FFFD: copy code units as they are.
  const parts: string[] = [];
  for (let i = 0; i < n; i += 8192) parts.push(String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 8192)) as unknown as number[]));
  return parts.join('');
}

/** `/[\s\u00a0]/` for one UTF-16 code unit. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}


export default defineRule({
  id: 'structure/required-elements',
  description: 'Нет обязательного элемента акта: нормативной основы, органа принятия, учёта мнения советов, порядка вступления в силу',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const { model } = ctx;
    const profile = ctx.knowledge.structure;
    const { text: flat } = ctx.memo('structure/searchableText', () => ({ text: foldMixedWords(flatTextsOf(ctx).searchable), map: [] }));
    const specOf = (id: string) => (profile?.sections ?? []).find((s) => s.id === id);
    for (const el of profile?.elements ?? []) {
      if (el.id === 'approval-stamp' || el.patterns.length === 0) continue;
      // Only whether some pattern matches counts (not where): the first match settles it.
      let found = matchesAny(el.patterns, flat);
      if (el.id === 'councils-opinion' && !found && model.stamps.some((s) => s.stamp?.kind === 'УЧТЕНО МНЕНИЕ')) found = true;
      // Whether the basis cites 273-ФЗ is legal/basis-without-273's business: one finding per defect.
      if (found) continue;
      const general = specOf('general') ? findSection(model, specOf('general')!) : undefined;
      const final = specOf('final') ? findSection(model, specOf('final')!) : undefined;
      const host = el.id === 'entry-into-force' ? final ?? general : general;
      const range = host ? (host.number?.range ?? host.titleRange) : documentAnchor(model);
      const fix = insertElementFix(model, profile?.sections ?? [], el);
      ctx.report({
        fixes: fix ? [fix] : undefined,
        range,
        message: `Нет элемента «${el.name}»${el.why ? `: ${el.why}` : ''}`,
        severity: el.severity,
        data: { elementId: el.id },
      });
    }
  },
});
