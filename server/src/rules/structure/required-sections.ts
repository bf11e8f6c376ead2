/**
 * structure/required-sections
 *
 * What it checks: every section the profile marks required (`knowledge.structure.sections`,
 * regulations.md §3) is present: «Общие положения», terms («Термины и определения», «Понятия …»
 * — also as a clause such as `1.5. Понятия, используемые в настоящем положении`), «Организация
 * работы …», rights («Права и обязанности …», «Права участников …», «Права, обязанности и
 * ответственность …»), «Заключительные положения». One finding per missing section, on the title.
 * Why: an act without these parts is incomplete — nobody knows what its terms mean, who may do
 * what, or when it takes effect; approving bodies and prosecutors check exactly these parts.
 * Options: none (the profile is data: override `structure.sections` in `.normokontrol.json`).
 * Fix: a quick fix, not applied by «исправить всё» (the skeleton needs the author's words), inserts
 * the profile's skeleton at its place with its number and renumbers the sections after it and the
 * references to them (`service/insertSection.ts`).
 */
import { foldToCyrillic, letterLengthAt, letterLengthBefore } from '../../analysis/script';
import type { SectionSpec } from '../../knowledge/types';
import type { DocumentModel, OffsetRange, RegNode } from '../../model/types';
import { insertSectionFix } from '../../service/insertSection';
import { defineRule } from '../types';
import { matchesPatterns, stripHeadingDecor } from '../../util/headings';
import { memoizeString, RecentCache } from '../../util/memo';

/**
 * True when any of the patterns matches `s` (one or two joined regexes per list, see
 * `matchesPatterns`; `plain` is `plainText(s)` when the caller knows it).
 */
export function matchesAny(patterns: readonly string[] | undefined, s: string, plain?: boolean): boolean {
  if (!patterns || patterns.length === 0) return false;
  return matchesPatterns(patterns, s, plain);
}

/**
 * Latin lookalikes inside Cyrillic words read as the Cyrillic letters (`Общие пoложения` with a
 * Latin `o` is still the heading a lawyer sees; `text/mixed-script` reports the letter). Words in
 * Latin only (`MAX`) stay. Keeps the length, so offsets stay valid.
 */
export function foldMixedWords(s: string): string {
  // Only words with an ASCII letter can fold: each is found from such a letter and widened to
  // the whole `\p{L}+` run, so the Cyrillic-only bulk of a document is not split into words.
  ASCII_LETTER.lastIndex = 0;
  let m = ASCII_LETTER.exec(s);
  if (!m) return s;
  const parts: string[] = [];
  let done = 0;
  while (m) {
    let a = m.index;
    while (a > done && letterLengthBefore(s, a) > 0) a -= letterLengthBefore(s, a);
    let b = m.index + 1;
    for (let n = letterLengthAt(s, b); n > 0; n = letterLengthAt(s, b)) b += n;
    const w = s.slice(a, b);
    if (/[а-яё]/iu.test(w)) {
      const folded = foldToCyrillic(w);
      if (folded !== w) {
        parts.push(s.slice(done, a), folded);
        done = b;
      }
    }
    ASCII_LETTER.lastIndex = b;
    m = ASCII_LETTER.exec(s);
  }
  if (parts.length === 0) return s;
  parts.push(s.slice(done));
  return parts.join('');
}

const ASCII_LETTER = /[A-Za-z]/g;


/** Normalises a heading for matching: no emphasis, quotes or leading punctuation, `ё` → `е`, single spaces. */
export function normalizeHeading(s: string): string {
  // Clause openings (up to 240 characters) are rarely asked twice: computed, not kept.
  return s.length > 120 ? computeNormalizedHeading(s) : normalizedHeading(s);
}

/** Headings and short clause openings, asked once per section spec on every run: memoised. */
const normalizedHeading = memoizeString((s) => computeNormalizedHeading(s), 8192);

function computeNormalizedHeading(s: string): string {
  return stripHeadingDecor(foldMixedWords(s));
}

/** True when the node lies inside an appendix. */
export function inAppendix(n: RegNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.kind === 'appendix') return true;
  return false;
}

/** Sections of the act's body (appendices excluded), in document order. */
export function bodySections(model: DocumentModel): RegNode[] {
  return [...indexOf(model).sections];
}

/**
 * What the searches below read, computed once per model: every section spec (and several rules:
 * required-sections, required-elements, final-last) asks the same headings, each normalised once.
 */
interface PartIndex {
  readonly sections: readonly RegNode[];
  /** Normalised titles of `sections`. */
  readonly sectionTitles: readonly string[];
  /**
   * Clauses and sub-clauses of the body that may stand for a section, with their normalised title
   * and opening (when asked), in document order: collected only as far as a search has gone
   * (`scanned` nodes of `model.nodes` read), as the searches stop at the first match.
   */
  readonly clauses: Array<{ readonly node: RegNode; title?: string; opening?: string }>;
  scanned: number;
  /** Heading and bold lines of the body: index and normalised content (0 < length < 160). */
  headingLines?: Array<{ readonly index: number; readonly content: string }>;
  /** Found parts per spec. */
  readonly found: Map<SectionSpec, RegNode | undefined>;
}

const partIndexes = new RecentCache<DocumentModel, PartIndex>();

function indexOf(model: DocumentModel): PartIndex {
  let index = partIndexes.get(model);
  if (!index) {
    const sections = model.nodes.filter((n) => n.kind === 'section' && !inAppendix(n));
    index = { sections, sectionTitles: sections.map((s) => normalizeHeading(s.title)), clauses: [], scanned: 0, found: new Map() };
    partIndexes.set(model, index);
  }
  return index;
}

/** The part of the body that satisfies a section spec: a section, or a clause when `mayBeClause`. */
export function findSection(model: DocumentModel, spec: SectionSpec): RegNode | undefined {
  const index = indexOf(model);
  if (index.found.has(spec)) return index.found.get(spec);
  const part = searchSection(model, index, spec);
  index.found.set(spec, part);
  return part;
}

function searchSection(model: DocumentModel, index: PartIndex, spec: SectionSpec): RegNode | undefined {
  const at = index.sectionTitles.findIndex((t) => matchesAny(spec.patterns, t));
  if (at >= 0 || !spec.mayBeClause) return index.sections[at];
  for (let k = 0; ; k++) {
    const c = clauseAt(model, index, k);
    if (!c) return undefined;
    if (matchesAny(spec.patterns, (c.title ??= normalizeHeading(c.node.title))) || matchesAny(spec.patterns, (c.opening ??= normalizeHeading(c.node.text.slice(0, 240))))) return c.node;
  }
}

/** The `k`-th clause that may stand for a section, reading further nodes when needed. */
function clauseAt(model: DocumentModel, index: PartIndex, k: number): PartIndex['clauses'][number] | undefined {
  while (index.clauses.length <= k && index.scanned < model.nodes.length) {
    const n = model.nodes[index.scanned++]!;
    if ((n.kind === 'clause' || n.kind === 'subclause') && !inAppendix(n) && introducesPart(model, n)) index.clauses.push({ node: n });
  }
  return index.clauses[k];
}

/**
 * A clause that stands for a section: it introduces a list (`Понятия, используемые …:`), has
 * parts of its own, or reads as a heading (`1.5. Права пользователей`). A sentence such as «Права
 * и обязанности администратора определяются должностной инструкцией.» does not.
 */
function introducesPart(model: DocumentModel, n: RegNode): boolean {
  if (n.children.length > 0 || n.text.slice(0, 240).includes(':')) return true;
  const head = model.lines[n.line]?.content ?? '';
  return !/[.;]$/u.test(head.trim());
}

/** Fallback for headings the model did not take as sections: a heading, bold or capitals line of the body. */
export function findHeadingLine(model: DocumentModel, spec: SectionSpec): number | undefined {
  const index = indexOf(model);
  if (!index.headingLines) {
    index.headingLines = [];
    const firstAppendix = model.appendices[0]?.range.start ?? Number.POSITIVE_INFINITY;
    for (const l of model.lines) {
      if (l.start < model.bodyStart || l.start >= firstAppendix || l.debris) continue;
      if (l.block !== 'heading' && !l.bold) continue;
      const content = normalizeHeading(l.content.replace(/^\d{1,2}(\.\d{1,2})*\.?\s*/, ''));
      if (content.length > 0 && content.length < 160) index.headingLines.push({ index: l.index, content });
    }
  }
  return index.headingLines.find((h) => matchesAny(spec.patterns, h.content))?.index;
}

/** Where a document-level finding goes: the title's kind word, else the first stamp, else the first text line. */
export function documentAnchor(model: DocumentModel): OffsetRange {
  if (model.title) return model.title.kindRange;
  const stamp = model.stamps[0];
  if (stamp) return stamp.titleRange;
  const first = model.lines.find((l) => l.block !== 'blank' && l.block !== 'html' && l.content.length > 0);
  return first ? { start: first.contentStart, end: first.contentEnd } : { start: 0, end: 0 };
}

export default defineRule({
  id: 'structure/required-sections',
  description: 'Нет обязательного раздела (общие положения, термины, организация работы, права и обязанности, заключительные положения)',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const profile = ctx.knowledge.structure;
    for (const spec of profile?.sections ?? []) {
      if (!spec.required) continue;
      if (findSection(ctx.model, spec) || findHeadingLine(ctx.model, spec) !== undefined) continue;
      const fix = insertSectionFix(ctx.model, spec, profile.sections);
      ctx.report({
        fixes: fix ? [fix] : undefined,
        range: documentAnchor(ctx.model),
        message: `Нет обязательного раздела «${spec.name}»${spec.mayBeClause ? ' (ни раздела, ни пункта с таким содержанием)' : ''}`,
        data: { sectionId: spec.id },
      });
    }
  },
});
