/**
 * Edits the legal rules share: removing a whole list item of the basis list, removing a citation
 * from a run of citations, and writing a successor in the grammatical case of what it replaces.
 */
import type { DocumentModel, OffsetRange } from '../model/types';
import type { OffsetEdit } from '../rules/types';
import { formatLike, formatRu } from './dates';
import { canonicalCitation, codeCitation } from './registry';
import type { ActRecord, ActsData, Citation } from './types';

const BEFORE_ITEM = /^[\s\-–—·•⇒*+●▪►➢]*(?:\d{1,2}\)|[а-я]\))?\s*$/u;
const AFTER_ITEM = /^\s*(?:\([^()]*\))?\s*[;.,]?\s*$/u;

/**
 * The edit that removes the list item holding exactly this citation (its lines and line break;
 * with blank lines between items, one blank line too), or undefined when the citation is not a
 * whole item.
 */
export function removeItemEdit(text: string, model: DocumentModel, c: Citation): OffsetEdit | undefined {
  const item = [...model.nodes].reverse().find((n) => n.kind === 'item' && n.range.start <= c.range.start && c.range.end <= n.range.end);
  const first = model.lineAt(c.range.start);
  const last = model.lineAt(Math.max(c.range.start, c.range.end - 1));
  const firstLine = model.lines[first];
  const lastLine = model.lines[last];
  if (!firstLine || !lastLine) return undefined;
  const isItem = item !== undefined || /^\s*[-–—·•⇒*+●▪►➢]/u.test(text.slice(firstLine.start, c.range.start));
  if (!isItem) return undefined;
  if (!BEFORE_ITEM.test(text.slice(firstLine.start, c.range.start))) return undefined;
  if (!AFTER_ITEM.test(text.slice(c.range.end, lastLine.end))) return undefined;
  const next = model.lines[last + 1];
  if (!next) {
    // The last line of the text: remove the line break before it instead.
    const prev = model.lines[first - 1];
    return { start: prev ? prev.end : firstLine.start, end: lastLine.end, newText: '' };
  }
  let end = next.start;
  const prev = model.lines[first - 1];
  const after = model.lines[last + 2];
  if (prev && prev.block === 'blank' && next.block === 'blank' && after) end = after.start;
  return { start: firstLine.start, end, newText: '' };
}

/** Removes a citation from a run «A, B, C» together with one separator, or undefined. */
export function removeFromRunEdit(text: string, r: OffsetRange): OffsetEdit | undefined {
  const after = /^\s*[,;]\s*/u.exec(text.slice(r.end, r.end + 10));
  if (after && !/\n/.test(after[0])) return { start: r.start, end: r.end + after[0].length, newText: '' };
  const before = /\s*[,;]\s*$/u.exec(text.slice(Math.max(0, r.start - 10), r.start));
  if (before && !/\n/.test(before[0])) return { start: r.start - before[0].length, end: r.end, newText: '' };
  return undefined;
}

/** The successors written the way the citation is written: same case, capital, date style. */
export function successorText(data: ActsData, c: Citation, successors: readonly ActRecord[]): string {
  const parts = successors.map((s) => {
    if (c.kind) return canonicalCitation(data, s, c.kind.case, c.kind.capital, c.date?.text);
    if (c.code && s.code) return codeCitation(s, !!c.title);
    if (s.number && s.date) {
      const title = c.title && s.title ? ` «${s.title}»` : '';
      return `${s.number} от ${c.date ? formatLike(c.date.text, s.date) : formatRu(s.date)}${title}`;
    }
    return canonicalCitation(data, s, 'nom', true, c.date?.text);
  });
  return parts.join(' и ');
}
