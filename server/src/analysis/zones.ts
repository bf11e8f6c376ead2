/**
 * Protected zones: parts of a draft that are not Russian prose and must not be read as words by
 * terminology and typography rules — code (fenced, indented, inline), HTML comments (markers and
 * directives), Markdown link destinations, URLs, e-mail addresses and domain names.
 */
import type { DocumentModel, OffsetRange } from '../model/types';

/** An e-mail address (Latin). */
export const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\p{L}\p{N}_-])/gu;
/** A domain name such as `prof-sferum.ru` (Latin labels, a Latin top-level domain). */
export const DOMAIN_RE = /(?<![\p{L}\p{N}@._-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\p{L}\p{N}_@-])/gu;
const URL_RE = /(?:https?|ftp|mailto):\/*[^\s<>()\]«»"]+|www\.[^\s<>()\]«»"]+/giu;
const INLINE_CODE_RE = /(`+)[^`\n][\s\S]*?\1/g;
const HTML_COMMENT_RE = /<!--[\s\S]*?-->/g;
const LINK_DEST_RE = /\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g;

const zoneCache = new WeakMap<DocumentModel, { readonly text: string; readonly zones: OffsetRange[] }>();

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
  const add = (re: RegExp, group = 0): void => {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const inner = group === 0 ? m[0] : m[group] ?? '';
      const start = m.index! + (group === 0 ? 0 : m[0].indexOf(inner));
      zones.push({ start, end: start + inner.length });
    }
  };
  add(HTML_COMMENT_RE);
  add(INLINE_CODE_RE);
  add(LINK_DEST_RE, 1);
  add(URL_RE);
  add(EMAIL_RE);
  add(DOMAIN_RE);
  zones.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: OffsetRange[] = [];
  for (const z of zones) {
    const last = merged[merged.length - 1];
    if (last && z.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, z.end) };
    else merged.push(z);
  }
  return merged;
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
