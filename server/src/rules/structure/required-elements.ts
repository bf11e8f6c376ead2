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
import { plainText } from '../../util/plainText';
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

/** The flattened texts the structure rules search (see {@link flatTexts}). */
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

/** Both flattened texts; `searchable` is `voluntary` trimmed unless the text has a backslash. */
export function flatTexts(text: string): FlatTexts {
  const unmarked = text.includes('*') || text.includes('_') ? text.replace(/[*_]+/g, '') : text;
  const voluntary = unmarked.replace(SPACE_RUNS, ' ');
  return { searchable: (text.includes('\\') ? text.replace(/[*_\\]+/g, '').replace(SPACE_RUNS, ' ') : voluntary).trim(), voluntary };
}

/**
 * The white-space runs `\s+` that are not already one space: a run opening with another
 * white-space character, or a space followed by more. The single spaces between words (most
 * matches of `\s+`) are not matched, so the native replace leaves them where they are: cheaper
 * than `\s+` (and, in a cold run, than a JS loop over every code unit into a buffer).
 */
const SPACE_RUNS = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]\s*| \s+/g;

/**
 * `matchesAny(patterns, text, plain)`, trying the last quarter of the text first: the entry into
 * force is stated in the final section, so most drafts are settled without scanning the rest (the
 * union of its patterns was the costliest test of the rule). A match in a suffix is a match in the
 * text when no pattern looks before its start (`^`, `\b`, `\B`, a lookbehind; else the whole text
 * alone is tried); the suffix starts on a code point, and only a miss there costs a full test.
 */
export function matchesTailFirst(patterns: readonly string[], text: string, plain: boolean): boolean {
  let from = text.length - (text.length >> 2);
  if (from > 0 && from < text.length && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from++;
  if (from > 0 && looksOnlyForward(patterns) && matchesAny(patterns, text.slice(from), plain)) return true;
  return matchesAny(patterns, text, plain);
}

const forwardOnly = new WeakMap<readonly string[], boolean>();

/** No pattern has `^`, `\b`, `\B` or a lookbehind (conservatively: any `^`, any `\b`/`\B`, any `(?<`). */
function looksOnlyForward(patterns: readonly string[]): boolean {
  let ok = forwardOnly.get(patterns);
  if (ok === undefined) forwardOnly.set(patterns, (ok = patterns.every((p) => !/\^|\\[bB]|\(\?<[=!]/.test(p))));
  return ok;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
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
    // The flat text is plain exactly when the draft is (it only drops marks and white space and
    // folds plain letters to plain letters): the draft's answer is cached, so the copy is not scanned.
    const plain = plainText(ctx.text);
    const specOf = (id: string) => (profile?.sections ?? []).find((s) => s.id === id);
    for (const el of profile?.elements ?? []) {
      if (el.id === 'approval-stamp' || el.patterns.length === 0) continue;
      // Only whether some pattern matches counts (not where): the first match settles it.
      let found = el.id === 'entry-into-force' ? matchesTailFirst(el.patterns, flat, plain) : matchesAny(el.patterns, flat, plain);
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
