/**
 * Legal facts of one draft, computed once per analysis and shared by the `legal/*` rules, hover
 * and completion: citations matched with the registry and the normative-basis clause.
 */
import type { Knowledge } from '../knowledge/types';
import type { DocumentModel, OffsetRange, RegNode } from '../model/types';
import { parseCitations } from './citations';
import { plainText } from '../util/plainText';
import { caseAfter } from './grammar';
import { DualRe } from './plainRe';
import { actsData, resolveCitation, type Resolution } from './registry';
import type { ActsData, Citation, GrammaticalCase } from './types';

/** A citation with its registry match. */
export interface ResolvedCitation {
  readonly citation: Citation;
  readonly resolution: Resolution;
  /** 0-based line of the citation's start. */
  readonly line: number;
}

/** The normative-basis clause («разработано на основании», «в соответствии с», «Правовая основа»). */
export interface BasisClause {
  readonly node: RegNode;
  /** The clause with its list items. */
  readonly range: OffsetRange;
  /** The introducing phrase. */
  readonly introRange: OffsetRange;
  /** The case the introduction asks for: «в соответствии с» → instrumental, «на основании» → genitive. */
  readonly case: GrammaticalCase;
}

export interface LegalFacts {
  readonly data: ActsData;
  readonly citations: readonly ResolvedCitation[];
  readonly basis?: BasisClause;
}

/*
 * The basis introduction is the alternation `A|B|C` below. Its `\p{L}` classes under `iu` make it
 * slow to compile (~10 ms, paid by every cold run) and to run on every clause line, so it is kept
 * as three regexes, each compiled on first use and run only on lines holding its literal stem
 * (BASIS_STEMS: no `u` flag, which folds these Cyrillic letters exactly as `iu` does). The leftmost
 * match of the three, the earlier alternative on a tie, is the match of `A|B|C`. In A the five
 * stems are factored out of `(?:разработан\p{L}*|…|издан\p{L}*)`: no stem is a prefix of another.
 */
const BASIS_RES = [
  String.raw`(?:разработан|составлен|подготовлен|принят|издан)\p{L}*(?:\s+\p{L}+){0,2}?\s+(?:(?:в\s+)?соответствии\s+с(?:о)?|на\s+основании(?:\s+\p{L}+){0,5}?|согласно)(?=\s*:|\s|$)`,
  String.raw`правов\p{L}*\s+(?:основ|баз)\p{L}*`,
  String.raw`нормативн\p{L}*(?:[\s-]+правов\p{L}*)?\s+(?:основ|баз)\p{L}*`,
].map((source) => new DualRe(source, 'iu'));
const BASIS_STEMS = [/разработан|составлен|подготовлен|принят|издан/i, /правов/i, /нормативн/i] as const;
/** Any of {@link BASIS_STEMS}: one cheap test per clause line. */
const ANY_BASIS_STEM = /разработан|составлен|подготовлен|принят|издан|правов|нормативн/i;

/**
 * The first match of the basis introduction in a line, as `A|B|C` would find it; `plain`: the
 * line is part of a {@link plainText} (the patterns' cheap flavour is then used, see plainRe.ts).
 */
function matchBasis(line: string, plain: boolean): RegExpExecArray | null {
  if (!ANY_BASIS_STEM.test(line)) return null;
  let best: RegExpExecArray | null = null;
  for (let k = 0; k < BASIS_RES.length; k++) {
    if (!BASIS_STEMS[k]!.test(line)) continue;
    const re = BASIS_RES[k]!.get(plain);
    const m = re.exec(line);
    if (m && (!best || m.index < best.index)) best = m;
  }
  return best;
}

/**
 * Finds the normative-basis clause: the first body node whose head line introduces the basis and
 * that cites an act; failing that, the first that introduces it.
 */
export function findBasisClause(model: DocumentModel, citationStarts: readonly number[] = [], plain = false): BasisClause | undefined {
  let first: BasisClause | undefined;
  for (const node of model.nodes) {
    if (node.kind !== 'section' && node.kind !== 'clause' && node.kind !== 'subclause') continue;
    let anc: RegNode | undefined = node.parent;
    while (anc && anc.kind !== 'appendix') anc = anc.parent;
    if (anc) continue;
    const line = model.lines[node.line];
    if (!line) continue;
    const m = matchBasis(line.content, plain);
    if (!m) continue;
    const start = line.contentStart + m.index;
    const intro = line.content.slice(0, m.index + m[0].length);
    const basis: BasisClause = { node, range: node.range, introRange: { start, end: start + m[0].length }, case: caseAfter(intro, plain) };
    if (citationStarts.some((o) => o >= node.range.start && o < node.range.end)) return basis;
    first ??= basis;
  }
  return first;
}

/** Computes the legal facts of a draft. */
export function computeLegalFacts(text: string, model: DocumentModel, knowledge: Knowledge): LegalFacts {
  const data = actsData(knowledge);
  const citations = parseCitations(text, data.issuers).map((citation) => ({
    citation,
    resolution: resolveCitation(data, citation),
    line: model.lineAt(citation.range.start),
  }));
  // The lines of the model are parts of `text`: plain when it is.
  return { data, citations, basis: findBasisClause(model, citations.map((c) => c.citation.range.start), plainText(text)) };
}

/** True when the offset range lies inside a node or a list item of the basis clause. */
export function inBasis(basis: BasisClause | undefined, r: OffsetRange): boolean {
  return !!basis && r.start >= basis.range.start && r.start <= basis.range.end;
}

/** The parts of a rule context the legal facts need. */
export interface LegalContext {
  readonly text: string;
  readonly model: DocumentModel;
  readonly knowledge: Knowledge;
  memo<T>(key: string, compute: () => T): T;
}

/** Legal facts of an analysis, computed once and shared by every `legal/*` rule. */
export function legalFacts(ctx: LegalContext): LegalFacts {
  return ctx.memo('legal:facts', () => computeLegalFacts(ctx.text, ctx.model, ctx.knowledge));
}

/**
 * Citations a rule reports on: matched ones, not repeated short mentions («далее – …»), one per
 * act and line.
 */
export function reportable(facts: LegalFacts, pick: (rc: ResolvedCitation) => boolean): ResolvedCitation[] {
  if (facts.citations.length === 0) return [];
  const seen = new Set<string>();
  const out: ResolvedCitation[] = [];
  for (const rc of facts.citations) {
    if (rc.citation.alias || !pick(rc)) continue;
    const key = `${rc.resolution.act?.id ?? rc.citation.actRange.start}@${rc.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(rc);
  }
  return out;
}
