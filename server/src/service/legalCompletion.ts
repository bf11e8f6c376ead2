/**
 * Completion inside the normative-basis list: a number or a word (`27`, `персональн`, `СП`)
 * offers full canonical citations of acts in force on the check date, in the grammatical case
 * the list's introduction asks for («в соответствии с:» → «Федеральным законом …»). Acts
 * already cited and unverified acts are not offered. Transport-free.
 */
import { canonicalCitation, confidenceWord, statusAt } from '../legal/registry';
import type { ActRecord } from '../legal/types';
import type { OffsetRange } from '../model/types';
import type { DocumentAnalysis } from './index';
import { actMarkdown, legalFactsOf } from './legalHover';
import { formatRu } from '../legal/dates';

/** One completion proposal. */
export interface CitationCompletion {
  readonly label: string;
  readonly insertText: string;
  readonly detail: string;
  /** Markdown. */
  readonly documentation: string;
  /** The typed word the proposal replaces. */
  readonly range: OffsetRange;
  /** Text editors filter by: the typed word plus the label. */
  readonly filterText: string;
}

function words(act: ActRecord): string[] {
  return [act.number ?? '', act.code ?? '', act.code?.replace(/^\S+\s/, '') ?? '', act.title ?? '', act.codeTitle ?? '', ...(act.keywords ?? [])]
    .flatMap((s) => [s, ...s.split(/[\s«»"(),]+/)])
    .map((s) => s.toLowerCase().replace(/ё/g, 'е'))
    .filter(Boolean);
}

/** Proposals at `offset`, or an empty list outside the basis clause. */
export function citationCompletions(analysis: DocumentAnalysis, offset: number): CitationCompletion[] {
  const facts = legalFactsOf(analysis);
  const basis = facts.basis;
  if (!basis) return [];
  const text = analysis.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  // Inside the clause, or on the line right after its end (a new list item being typed).
  const after = text.slice(basis.range.end, lineStart);
  if (offset < basis.introRange.end || (offset > basis.range.end && !/^[^\n]*\n?$/.test(after))) return [];
  const before = text.slice(lineStart, offset);
  const word = /[\p{L}\p{N}./-]*$/u.exec(before)?.[0] ?? '';
  const key = word.toLowerCase().replace(/ё/g, 'е');
  // The typed word is a search key, not text: capitalisation follows the list's own citations.
  const listed = facts.citations.find((c) => c.citation.kind && c.citation.range.start >= basis.range.start && c.citation.range.start <= basis.range.end);
  const capital = listed?.citation.kind?.capital ?? true;
  const cited = new Set(facts.citations.map((c) => c.resolution.act?.id).filter(Boolean));
  const out: CitationCompletion[] = [];
  for (const act of facts.data.acts) {
    if (act.confidence === 'unverified' || cited.has(act.id)) continue;
    const st = statusAt(act, analysis.asOf);
    if (st.status !== 'in-force') continue;
    if (key !== '' && !words(act).some((w) => w.startsWith(key) || (/^\d/.test(key) && w.includes(key)))) continue;
    const title = act.code ? act.codeTitle ?? act.title : act.title;
    const label = `${act.code ?? act.number ?? ''}${title ? ` «${title.length > 70 ? title.slice(0, 69) + '…' : title}»` : ''}`;
    const until = st.next && st.next.status !== 'in-force' ? `, до ${formatRu(st.next.from)}` : '';
    out.push({
      label,
      insertText: canonicalCitation(facts.data, act, basis.case, capital),
      detail: `действует${st.event ? ` с ${formatRu(st.event.from)}` : ''}${until} · ${confidenceWord(act.confidence)}`,
      documentation: actMarkdown(facts, act, analysis.asOf, analysis.model.approvalDate),
      range: { start: offset - word.length, end: offset },
      filterText: `${word} ${label}`,
    });
  }
  return out;
}
