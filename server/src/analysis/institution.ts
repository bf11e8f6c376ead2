/**
 * Which kind of institution an act belongs to: a school (СОШ, МБОУ, гимназия, general лицей) or a
 * college of СПО (колледж, техникум, ГАПОУ/ГБПОУ, «политехнический лицей»). The role vocabulary
 * depends on it (regulations.md §4).
 *
 * Markers come from the roles data (`institutionMarkers`). Each marker counts once in the head of
 * the act — stamps, title and the first clauses, where the institution names itself — with weight
 * × 3, and once in the rest of the text with weight × 1; counting presence instead of occurrences
 * keeps a body that says «Лицея» forty times from outvoting the stamp «ГБПОУ». The kind with the
 * higher score wins when it has at least {@link MIN_SCORE} and 1.5 times the other's score;
 * otherwise the kind is `unknown` and kind-dependent checks stay silent.
 */
import type { DocumentModel, OffsetRange } from '../model/types';
import type { InstitutionKind, InstitutionMarker } from './rolesData';
import { firstMatchFrom, literalHits, literalSet, roleRegex, rolesData, type LiteralSet } from './rolesData';

/** The markers in scoring order (school, then college) with their expressions, compiled once per markers object. */
interface MarkerPlan {
  readonly markers: readonly { readonly kind: InstitutionKind; readonly marker: InstitutionMarker; readonly re: RegExp | null }[];
  /** The markers' literal scans, found together (same order as `markers`). */
  readonly set: LiteralSet;
}

const plans = new WeakMap<object, MarkerPlan>();

export function markerPlan(all: Readonly<Record<InstitutionKind, readonly InstitutionMarker[]>>): MarkerPlan {
  let plan = plans.get(all);
  if (!plan) {
    const markers = (['school', 'college'] as const).flatMap((kind) => all[kind].map((marker) => ({ kind, marker, re: roleRegex(marker.pattern, marker.caseSensitive ? 'gu' : 'giu') })));
    const set = literalSet(markers.map(({ marker }) => [marker.pattern, marker.caseSensitive ? 'u' : 'iu'] as const));
    plans.set(all, (plan = { markers, set }));
  }
  return plan;
}

/** The detected kind and the text that proves it. */
export interface Institution {
  readonly kind: InstitutionKind | 'unknown';
  /** Ranges of the markers that voted for the winning kind (all markers when unknown). */
  readonly evidence: readonly OffsetRange[];
  readonly scores: Readonly<Record<InstitutionKind, number>>;
  /** True when the kind was set in the settings rather than detected. */
  readonly configured?: boolean;
}

/** The lowest score that decides a kind. */
export const MIN_SCORE = 3;
/** Characters of the body (from the first section or clause) that still belong to the head. */
const HEAD_BODY_CHARS = 1500;

/** The end offset of the head of the act: stamps, title and the first clauses. */
export function headEnd(model: DocumentModel, text: string): number {
  let end = 0;
  for (const s of model.stamps) end = Math.max(end, s.range.end);
  if (model.title) end = Math.max(end, model.title.range.end);
  const body = Math.min(model.bodyStart, text.length);
  return Math.min(text.length, Math.max(end, body) + HEAD_BODY_CHARS);
}

function firstMatch(re: RegExp, text: string, from: number, to: number): OffsetRange | undefined {
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index >= to) return undefined;
    if (m[0].length === 0) { re.lastIndex++; continue; }
    return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/**
 * Detects the institution kind of an act. `markers` default to the built-in roles data;
 * `configured` (from the settings) wins over detection. `literalsAt`: {@link literalHits} of a
 * set that opens with these markers (school ones, then college ones), when the caller has them.
 */
export function detectInstitution(
  model: DocumentModel,
  text: string,
  markers?: Readonly<Record<InstitutionKind, readonly InstitutionMarker[]>>,
  configured?: unknown,
  literalsAt?: readonly (number[] | undefined)[],
): Institution {
  if (configured === 'school' || configured === 'college') {
    return { kind: configured, evidence: [], scores: { school: 0, college: 0 }, configured: true };
  }
  const all = markers ?? rolesData(undefined).institutionMarkers;
  const head = headEnd(model, text);
  const scores: Record<InstitutionKind, number> = { school: 0, college: 0 };
  const evidence: Record<InstitutionKind, OffsetRange[]> = { school: [], college: [] };
  const plan = markerPlan(all);
  // Where each marker's literals stand, from one pass over the text (undefined: scan as before).
  const hits = literalsAt ?? literalHits(plan.set, text);
  for (let i = 0; i < plan.markers.length; i++) {
    const { kind, marker, re } = plan.markers[i]!;
    if (!re || !Number.isFinite(marker.weight)) continue;
    // Most markers are absent from most acts, and a plain scan for a literal every match contains
    // (`ПОУ`, `СПО`) is many times faster than the marker's: only starts near one are tried.
    const scan = plan.set.scans[i]!;
    const at = hits?.[i];
    const find = (from: number): OffsetRange | undefined => (scan ? firstMatchFrom(scan, text, from, at) : firstMatch(re, text, from, text.length));
    // One scan when the first match is already past the head (the first match from `head` is then that one).
    const first = find(0);
    const inHead = first && first.start < head ? first : undefined;
    const inBody = !first || first.start >= head ? first : find(head);
    if (inHead) { scores[kind] += marker.weight * 3; evidence[kind].push(inHead); }
    if (inBody) { scores[kind] += marker.weight; evidence[kind].push(inBody); }
  }
  const { school, college } = scores;
  let kind: Institution['kind'] = 'unknown';
  if (school >= MIN_SCORE && school >= college * 1.5 && school > college) kind = 'school';
  else if (college >= MIN_SCORE && college >= school * 1.5 && college > school) kind = 'college';
  const ev = kind === 'unknown' ? [...evidence.school, ...evidence.college] : evidence[kind];
  // A stable insertion sort by start, as `sort` would order them: a dozen ranges at most.
  for (let i = 1; i < ev.length; i++) {
    const r = ev[i]!;
    let j = i - 1;
    for (; j >= 0 && ev[j]!.start > r.start; j--) ev[j + 1] = ev[j]!;
    ev[j + 1] = r;
  }
  return { kind, evidence: ev, scores };
}
