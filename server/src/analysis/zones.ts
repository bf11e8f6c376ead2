/**
 * Protected zones: parts of a draft that are not Russian prose and must not be read as words by
 * terminology and typography rules — code (fenced, indented, inline), HTML comments (markers and
 * directives), Markdown link destinations, URLs, e-mail addresses and domain names.
 */
import type { DocumentModel, OffsetRange } from '../model/types';
import { RecentCache } from '../util/memo';

/** An e-mail address (Latin). */
export const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\p{L}\p{N}_-])/gu;
/** A domain name such as `prof-sferum.ru` (Latin labels, a Latin top-level domain). */
export const DOMAIN_RE = /(?<![\p{L}\p{N}@._-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\p{L}\p{N}_@-])/gu;
const URL_RE = /(?:https?|ftp|mailto):\/*[^\s<>()\]«»"]+|www\.[^\s<>()\]«»"]+/giu;

const zoneCache = new RecentCache<DocumentModel, { readonly text: string; readonly zones: OffsetRange[] }>();

/**
 * Protected zones of a text, sorted and non-overlapping. Computed once per model and text (several
 * rules and analyses of one run ask for them); callers must not modify the returned array.
 */
export function protectedZones(model: DocumentModel, text: string): OffsetRange[] {
  const hit = zoneCache.get(model);
  if (hit && hit.text === text) return hit.zones;
  const zones = computeZones(model, text);
  zoneCache.set(model, { text, zones });
  return zones;
}

function computeZones(model: DocumentModel, text: string): OffsetRange[] {
  const zones: OffsetRange[] = [];
  for (const line of model.lines) if (line.block === 'code') zones.push({ start: line.start, end: line.end });
  // HTML comments: `/<!--[\s\S]*?-->/g`, but without re-scanning to the end of the text from every
  // unclosed `<!--` (quadratic).
  for (let open = text.indexOf('<!--'); open >= 0;) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    zones.push({ start: open, end: close + 3 });
    open = text.indexOf('<!--', close + 3);
  }
  for (const z of inlineCodeRanges(text)) zones.push(z);
  for (const d of linkDestinations(text)) zones.push(d);
  for (const m of text.matchAll(URL_RE)) zones.push({ start: m.index, end: m.index + m[0].length });
  for (const m of emailMatches(text)) zones.push({ start: m.index, end: m.index + m[0].length });
  for (const m of domainMatches(text)) zones.push({ start: m.index, end: m.index + m[0].length });
  zones.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: OffsetRange[] = [];
  for (const z of zones) {
    const last = merged[merged.length - 1];
    if (last && z.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, z.end) };
    else merged.push(z);
  }
  return merged;
}

// Private copies of the exported patterns (their `lastIndex` is shared with other callers).
const EMAIL_SCAN = new RegExp(EMAIL_RE.source, EMAIL_RE.flags);
const DOMAIN_SCAN = new RegExp(DOMAIN_RE.source, DOMAIN_RE.flags);
/** Every domain ends with a dot and two Latin letters (the start of its top-level domain). */
const TLD_DOT = /\.[A-Za-z]{2}/g;

let lastEmails: { readonly text: string; readonly matches: readonly RegExpExecArray[] } | undefined;
let lastDomains: { readonly text: string; readonly matches: readonly RegExpExecArray[] } | undefined;

/**
 * The matches of {@link EMAIL_RE} in `text` — what `text.matchAll(EMAIL_RE)` yields — without
 * running the pattern over the whole text: a match contains `@`, and its local part (before the
 * `@`) is a run of `[A-Za-z0-9._%+-]`, so the scan for the next match starts at the beginning of
 * that run before the next `@`. The last answer is kept (zones and terms/canonical-spelling ask).
 */
export function emailMatches(text: string): readonly RegExpExecArray[] {
  if (lastEmails && lastEmails.text === text) return lastEmails.matches;
  const matches = scanFrom(text, EMAIL_SCAN, (from) => {
    const at = text.indexOf('@', from);
    if (at < 0) return -1;
    let s = at;
    while (s > from && isLocalChar(text.charCodeAt(s - 1))) s--;
    return s;
  });
  lastEmails = { text, matches };
  return matches;
}

/**
 * The matches of {@link DOMAIN_RE} in `text`, like {@link emailMatches}: a match ends with a dot
 * and two Latin letters, and everything before that dot in the match is `[A-Za-z0-9.-]`.
 */
export function domainMatches(text: string): readonly RegExpExecArray[] {
  if (lastDomains && lastDomains.text === text) return lastDomains.matches;
  const matches = scanFrom(text, DOMAIN_SCAN, (from) => {
    TLD_DOT.lastIndex = from;
    const dot = TLD_DOT.exec(text);
    if (!dot) return -1;
    let s = dot.index;
    while (s > from && isDomainChar(text.charCodeAt(s - 1))) s--;
    return s;
  });
  lastDomains = { text, matches };
  return matches;
}

/**
 * A global scan of `re` (never matching empty) that, after each match, resumes at `next(from)`:
 * the earliest position at or after `from` where a match can start (-1: none).
 */
function scanFrom(text: string, re: RegExp, next: (from: number) => number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  for (;;) {
    const start = next(from);
    if (start < 0) break;
    re.lastIndex = start;
    const m = re.exec(text);
    if (!m || m[0].length === 0) break;
    out.push(m);
    from = m.index + m[0].length;
  }
  return out;
}

/** `[A-Za-z0-9._%+-]` */
function isLocalChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

/** `[A-Za-z0-9.-]` */
function isDomainChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
}

/** True when `[start, end)` intersects a zone (zones sorted, as {@link protectedZones} returns). */
export function inZones(zones: readonly OffsetRange[], start: number, end: number = start + 1): boolean {
  let lo = 0;
  let hi = zones.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const z = zones[mid]!;
    if (z.end <= start) lo = mid + 1;
    else if (z.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/** True when two ranges overlap. */
export function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `\s` of JavaScript regular expressions, by code unit. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * For increasing `from`: the first index ≥ `from` holding `)` or white space (the end of a link
 * destination `[^)\s]*`), or the text's length. Linear over all calls: the answer is reused while
 * it lies ahead (a regex would re-scan the same run from every `](`, quadratically).
 */
function destinationEnds(text: string): (from: number) => number {
  let end = -1;
  return (from) => {
    if (end < from) {
      end = from;
      while (end < text.length && text.charCodeAt(end) !== 41 && !isSpace(text.charCodeAt(end))) end++;
    }
    return end;
  };
}

/**
 * The destinations of Markdown links: group 1 of the matches of
 * `/\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g`, as ranges (an empty destination gives an empty range at
 * the `]`, as that expression's group did), in linear time.
 */
export function linkDestinations(text: string): OffsetRange[] {
  const out: OffsetRange[] = [];
  const destinationEnd = destinationEnds(text);
  let quote = -1; // the next `"` at or after the current title's start
  for (let i = text.indexOf(']('); i >= 0;) {
    const end = destinationEnd(i + 2);
    let close = -1;
    if (text.charCodeAt(end) === 41) close = end;
    else if (end < text.length) {
      let t = end;
      while (t < text.length && isSpace(text.charCodeAt(t))) t++;
      if (text.charCodeAt(t) === 34 /* " */) {
        if (quote <= t) quote = text.indexOf('"', t + 1);
        if (quote >= 0 && text.charCodeAt(quote + 1) === 41) close = quote + 1;
        if (quote < 0) quote = text.length;
      }
    }
    if (close < 0) {
      i = text.indexOf('](', i + 1);
      continue;
    }
    const destination = text.slice(i + 2, end);
    const start = i + text.slice(i, close + 1).indexOf(destination);
    out.push({ start, end: start + destination.length });
    i = text.indexOf('](', close + 1);
  }
  return out;
}

/**
 * Markdown inline links `[text](destination)` — the matches of `/\[([^\]\n]*)\]\(([^)\s]*)\)/g` —
 * in linear time: that expression re-scans a line full of `[` from every `[` (quadratic: minutes
 * for 400 KB of `[x`). Every `[` before the same first `]`/line break shares its fate, so a failed
 * attempt skips to that `]`.
 */
export function linkRanges(text: string): OffsetRange[] {
  const out: OffsetRange[] = [];
  const destinationEnd = destinationEnds(text);
  for (let i = text.indexOf('['); i >= 0;) {
    let stop = i + 1;
    while (stop < text.length && text[stop] !== ']' && text[stop] !== '\n') stop++;
    let next = stop;
    if (text[stop] === ']' && text[stop + 1] === '(') {
      const close = destinationEnd(stop + 2);
      if (text[close] === ')') {
        out.push({ start: i, end: close + 1 });
        next = close + 1;
      }
    }
    i = text.indexOf('[', next);
  }
  return out;
}

/**
 * Inline code spans: the matches of `/(`+)[^`\n][\s\S]*?\1/g`, in linear time (that expression
 * backtracks through a long run of backticks from every position in it: quadratic). From a run of
 * `L` backticks followed by a character other than a line break, the match starts where the
 * remaining run is as long as the longest run further on allows (`n = min(L, longest)`), and ends
 * after the first later run of at least `n` backticks (its first `n`).
 */
export function inlineCodeRanges(text: string): OffsetRange[] {
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    const start = i;
    while (text.charCodeAt(i) === 96) i++;
    starts.push(start);
    lengths.push(i - start);
  }
  const longestFrom: number[] = new Array(lengths.length + 1).fill(0);
  for (let j = lengths.length - 1; j >= 0; j--) longestFrom[j] = Math.max(lengths[j]!, longestFrom[j + 1]!);
  const out: OffsetRange[] = [];
  for (let j = 0; j < starts.length;) {
    const runEnd = starts[j]! + lengths[j]!;
    if (runEnd >= text.length || text.charCodeAt(runEnd) === 10) { j++; continue; }
    const longest = longestFrom[j + 1]!;
    if (longest === 0) break; // no backtick after this run: nothing can close
    const n = Math.min(lengths[j]!, longest);
    let q = j + 1;
    while (lengths[q]! < n) q++;
    const end = starts[q]! + n;
    out.push({ start: runEnd - n, end });
    // The search goes on right after the match, possibly inside run q.
    if (lengths[q]! > n) {
      starts[q] = end;
      lengths[q] = lengths[q]! - n;
      j = q;
    } else j = q + 1;
  }
  return out;
}
