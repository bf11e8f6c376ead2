/**
 * Hover on a legal citation: official requisites and title, status as of the check date and as
 * of the draft's own approval date, successor, confidence, sources and seen-wrong variants.
 * Transport-free: returns Markdown and an offset range; `lsp/hover.ts` converts.
 */
import { formatRu } from '../legal/dates';
import { computeLegalFacts, type LegalFacts } from '../legal/facts';
import { actById, canonicalCitation, codeCitation, confidenceWord, statusAt, statusWord, successorsInForce } from '../legal/registry';
import type { ActRecord } from '../legal/types';
import type { OffsetRange } from '../model/types';
import type { DocumentAnalysis } from './index';

const cache = new WeakMap<DocumentAnalysis, LegalFacts>();

/** Legal facts of an analysis (computed once per analysis object). */
export function legalFactsOf(analysis: DocumentAnalysis): LegalFacts {
  let facts = cache.get(analysis);
  if (!facts) {
    facts = computeLegalFacts(analysis.text, analysis.model, analysis.knowledge);
    cache.set(analysis, facts);
  }
  return facts;
}

/** One status line: «действует с 01.09.2013», «заменён с 01.09.2024». */
function statusLine(act: ActRecord, date: string): string {
  const st = statusAt(act, date);
  if (st.status === 'unknown') return 'не подтверждён (сведения в справочнике не проверены)';
  const since = st.event ? (st.event.approximate ? ` не позднее ${st.event.from.slice(0, 4)} года` : ` с ${formatRu(st.event.from)}`) : '';
  const until = st.status === 'in-force' && st.next && st.next.status !== 'in-force' ? `, до ${formatRu(st.next.from)}` : '';
  const from = st.status === 'not-yet' && st.next ? ` (вступает в силу ${formatRu(st.next.from)})` : '';
  return `${statusWord(act, st.status)}${since}${until}${from}`;
}

/** Markdown describing an act as of `asOf` (and as of the draft's approval date, when known). */
export function actMarkdown(facts: LegalFacts, act: ActRecord, asOf: string, approvalDate?: string): string {
  const lines: string[] = [];
  lines.push(`**${canonicalCitation(facts.data, act)}**`);
  if (act.code) lines.push('', codeCitation(act, true));
  if (act.title && act.titleStatus === 'descriptive') lines.push('', `Наименование (не сверено с официальным текстом): «${act.title}»`);
  if (act.description) lines.push('', act.description);
  lines.push('', `- Статус на ${formatRu(asOf)} (дата проверки): ${statusLine(act, asOf)}`);
  if (approvalDate) lines.push(`- На дату утверждения документа ${formatRu(approvalDate)}: ${statusLine(act, approvalDate)}`);
  const st = statusAt(act, asOf);
  for (const id of st.event?.by ?? []) {
    const s = actById(facts.data, id);
    if (s) lines.push(`- Заменён: ${canonicalCitation(facts.data, s)}`);
  }
  const live = successorsInForce(facts.data, act, asOf).filter((s) => !(st.event?.by ?? []).includes(s.id));
  for (const s of live) lines.push(`- Действует вместо него: ${canonicalCitation(facts.data, s)}`);
  if (st.event?.note) lines.push(`- ${st.event.note}`);
  lines.push(`- Достоверность: ${confidenceWord(act.confidence)}`);
  if (act.sources.length > 0) lines.push(`- Источники: ${act.sources.join('; ')}`);
  if (act.wrong?.note) lines.push(`- Замечено в проектах: ${act.wrong.note}`);
  return lines.join('\n');
}

/** The hover for the citation under `offset`, or undefined when there is none. */
export function citationHoverAt(analysis: DocumentAnalysis, offset: number): { markdown: string; range: OffsetRange } | undefined {
  const facts = legalFactsOf(analysis);
  const rc = facts.citations.find((c) => c.citation.range.start <= offset && offset <= c.citation.range.end);
  if (!rc) return undefined;
  const c = rc.citation;
  const act = rc.resolution.act;
  let markdown: string;
  if (!act) {
    const written = analysis.text.slice(c.actRange.start, c.actRange.end).replace(/\s+/g, ' ');
    markdown = `**Акт не найден в справочнике**\n\n${written}\n\nНе удалось проверить реквизиты и действие на ${formatRu(analysis.asOf)}.` +
      (analysis.model.approvalDate ? `\n\nДата утверждения документа: ${formatRu(analysis.model.approvalDate)}.` : '');
  } else {
    markdown = actMarkdown(facts, act, analysis.asOf, analysis.model.approvalDate);
    const notes: string[] = [];
    if (rc.resolution.wrongDate && act.date) notes.push(`дата в тексте «${c.date?.text ?? ''}», правильно ${formatRu(act.date)}`);
    if (rc.resolution.wrongNumber && act.number) notes.push(`номер в тексте «${c.number?.text ?? ''}», правильно «${act.number}»`);
    if (rc.resolution.wrongIssuer || rc.resolution.wrongKind) notes.push('вид акта или орган в тексте не совпадают со справочником');
    if (rc.resolution.title === 'wrong' || rc.resolution.title === 'known-wrong') notes.push('наименование в тексте не совпадает с официальным');
    if (notes.length > 0 && act.confidence !== 'unverified') markdown += `\n\n⚠ ${notes.join('; ')}`;
  }
  if (c.article) markdown += `\n\nСсылка на ${[c.article.item ? `п. ${c.article.item}` : '', c.article.part ? `ч. ${c.article.part}` : '', `ст. ${c.article.article}`].filter(Boolean).join(' ')}`;
  return { markdown, range: c.range };
}
