/**
 * Navigation over internal cross-references and names, offset-based and transport-free:
 * go to the clause a reference points at, find every reference to a clause (and its head), a
 * hover previewing the referenced clause, document links, and renaming a defined term
 * («(далее – X)») or a role across the act with its inflected forms.
 */
import { analyzeRoles, type RoleMention } from '../analysis/roleMentions';
import { rolesData, wordParadigm } from '../analysis/rolesData';
import { findDefinedTerms, referencesOf as modelReferences, targetAt, termOccurrences, type CrossReference, type DefinedTerm } from '../model/references';
import type { OffsetRange, RegNode } from '../model/types';
import { inflectLike, literalParadigm, normalizeForm, paradigm, paradigmIds, replacementFor, type Paradigm } from '../morph';
import type { OffsetEdit } from '../rules/types';
import type { DocumentAnalysis } from './index';

const refCache = new WeakMap<DocumentAnalysis, CrossReference[]>();
const termCache = new WeakMap<DocumentAnalysis, DefinedTerm[]>();
const roleCache = new WeakMap<DocumentAnalysis, readonly RoleMention[]>();

/** The internal cross-references of an analysed document (computed once per analysis). */
export function referencesOf(analysis: DocumentAnalysis): CrossReference[] {
  let refs = refCache.get(analysis);
  if (!refs) {
    refs = modelReferences(analysis.model);
    refCache.set(analysis, refs);
  }
  return refs;
}

/** The terms defined with «(далее – X)» (computed once per analysis). */
export function definedTermsOf(analysis: DocumentAnalysis): DefinedTerm[] {
  let terms = termCache.get(analysis);
  if (!terms) {
    terms = findDefinedTerms(analysis.model);
    termCache.set(analysis, terms);
  }
  return terms;
}

function roleMentionsOf(analysis: DocumentAnalysis): readonly RoleMention[] {
  let mentions = roleCache.get(analysis);
  if (!mentions) {
    mentions = analyzeRoles(analysis.model, analysis.text, analysis.knowledge).mentions;
    roleCache.set(analysis, mentions);
  }
  return mentions;
}

/** Where a reference leads. */
export interface Definition {
  /** The number in the reference. */
  readonly origin: OffsetRange;
  readonly node: RegNode;
  /** The whole referenced part. */
  readonly range: OffsetRange;
  /** Its head line (what the editor selects). */
  readonly selection: OffsetRange;
}

/** The clause a reference at `offset` points at. */
export function definitionAt(analysis: DocumentAnalysis, offset: number): Definition | undefined {
  const hit = targetAt(referencesOf(analysis), offset);
  const node = hit?.target.node;
  if (!hit || !node) return undefined;
  return { origin: hit.target.range, node, range: node.range, selection: node.headRange };
}

/** The node at `offset`: the target of a reference there, or the part whose number is there. */
export function referencedNodeAt(analysis: DocumentAnalysis, offset: number): RegNode | undefined {
  const hit = targetAt(referencesOf(analysis), offset);
  if (hit?.target.node) return hit.target.node;
  return analysis.model.nodes.find((n) => n.number && n.kind !== 'item' && offset >= n.number.range.start && offset <= n.number.range.end);
}

/** Every reference to the node at `offset` (and, with `includeDeclaration`, its own number). */
export function referencesAt(analysis: DocumentAnalysis, offset: number, includeDeclaration: boolean): OffsetRange[] {
  const node = referencedNodeAt(analysis, offset);
  if (!node) return [];
  const out: OffsetRange[] = [];
  if (includeDeclaration && node.number) out.push(node.number.range);
  const seen = new Set<string>();
  for (const ref of referencesOf(analysis)) {
    for (const t of ref.targets) {
      if (t.node !== node) continue;
      const key = `${t.range.start}:${t.range.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(t.range);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const PREVIEW_CHARS = 300;
const KIND_NAME: Partial<Record<RegNode['kind'], string>> = { section: 'Раздел', clause: 'Пункт', subclause: 'Подпункт', appendix: 'Приложение №' };

/** A preview of a part: its name and number, then its first 300 characters. */
export function previewMarkdown(node: RegNode): string {
  const name = `${KIND_NAME[node.kind] ?? 'Пункт'} ${node.number?.text ?? ''}`.trim();
  const own = node.text.replace(/\*\*|__/g, '');
  const descendants: string[] = [];
  const walk = (n: RegNode): void => {
    for (const c of n.children) {
      descendants.push(c.text);
      walk(c);
    }
  };
  walk(node);
  let body = [own, ...descendants].join('\n').replace(/[ \t\u00a0]+/g, ' ').trim();
  if (body.length > PREVIEW_CHARS) body = body.slice(0, PREVIEW_CHARS).trimEnd() + '…';
  const quoted = body.split('\n').map((l) => `> ${l.replace(/([\\`*_[\]<>#])/g, '\\$1')}`).join('\n');
  return `**${name}** (строка ${node.line + 1})\n\n${quoted}`;
}

/** The hover on a reference: a preview of the referenced part (or a note that it does not exist). */
export function referenceHoverAt(analysis: DocumentAnalysis, offset: number): { markdown: string; range: OffsetRange } | undefined {
  const hit = targetAt(referencesOf(analysis), offset);
  if (!hit) return undefined;
  if (!hit.target.node) return { markdown: `Ссылка на ${hit.ref.kind === 'appendix' ? 'приложение №' : 'пункт'} ${hit.target.number}: в документе его нет`, range: hit.target.range };
  return { markdown: previewMarkdown(hit.target.node), range: hit.target.range };
}

/** A link from a reference to the line of its target. */
export interface ReferenceLink {
  readonly range: OffsetRange;
  /** 0-based line of the target's head. */
  readonly line: number;
  readonly tooltip: string;
}

/** Document links: every resolved number of every internal reference. */
export function referenceLinks(analysis: DocumentAnalysis): ReferenceLink[] {
  const out: ReferenceLink[] = [];
  for (const ref of referencesOf(analysis)) {
    for (const t of ref.targets) {
      if (t.implicit || !t.node) continue;
      out.push({ range: t.range, line: t.node.line, tooltip: `Перейти к: ${t.node.number?.text ?? ''} ${t.node.title}`.slice(0, 120) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rename

/** What a rename at an offset would rename. */
export interface RenameTarget {
  readonly range: OffsetRange;
  readonly placeholder: string;
  readonly kind: 'term' | 'role';
}

function termAt(analysis: DocumentAnalysis, offset: number): { term: DefinedTerm; occurrence: OffsetRange; all: OffsetRange[] } | undefined {
  const seen = new Set<string>();
  for (const term of definedTermsOf(analysis)) {
    if (seen.has(term.text)) continue;
    seen.add(term.text);
    const all = termOccurrences(analysis.model, term.text);
    const occurrence = all.find((r) => offset >= r.start && offset <= r.end);
    if (occurrence) return { term, occurrence, all };
  }
  return undefined;
}

function roleAt(analysis: DocumentAnalysis, offset: number): { mention: RoleMention; all: RoleMention[] } | undefined {
  const mentions = roleMentionsOf(analysis);
  const mention = mentions.find((m) => m.word && offset >= m.start && offset <= m.end);
  if (!mention) return undefined;
  return { mention, all: mentions.filter((m) => m.word?.id === mention.word!.id) };
}

/** What can be renamed at `offset`: a defined term (first) or a role word. */
export function prepareRenameAt(analysis: DocumentAnalysis, offset: number): RenameTarget | undefined {
  const term = termAt(analysis, offset);
  if (term) return { range: term.occurrence, placeholder: analysis.text.slice(term.occurrence.start, term.occurrence.end), kind: 'term' };
  const role = roleAt(analysis, offset);
  if (role) return { range: { start: role.mention.start, end: role.mention.end }, placeholder: role.mention.text, kind: 'role' };
  return undefined;
}

/** The paradigm of a new name: a known phrase whose nominative (or any form) it is, else literal. */
export function paradigmForName(analysis: DocumentAnalysis, name: string): Paradigm {
  const norm = normalizeForm(name);
  const data = rolesData(analysis.knowledge);
  for (const concept of data.concepts) {
    for (const word of concept.words) {
      const p = wordParadigm(word);
      if (normalizeForm(p.lemma) === norm) return p;
    }
  }
  for (const id of paradigmIds()) {
    const p = paradigm(id)!;
    if (normalizeForm(p.lemma) === norm) return p;
  }
  return literalParadigm(`rename:${name}`, name);
}

function withCaseOf(sample: string, name: string): string {
  const first = /\p{L}/u.exec(sample)?.[0];
  if (!first || name.length === 0) return name;
  const upper = first === first.toUpperCase() && first !== first.toLowerCase();
  return (upper ? name[0]!.toUpperCase() : name[0]!.toLowerCase()) + name.slice(1);
}

/**
 * The edits renaming what is at `offset` to `newName`: every occurrence of a defined term
 * (plain, first-letter case kept), or every form of a role word inflected like the form it
 * replaces (case, number and capitals kept). Undefined when nothing renamable is there.
 */
export function renameEdits(analysis: DocumentAnalysis, offset: number, newName: string): OffsetEdit[] | undefined {
  const name = newName.trim();
  if (name === '') return undefined;
  const text = analysis.text;
  const term = termAt(analysis, offset);
  if (term) {
    return term.all.map((r) => ({ start: r.start, end: r.end, newText: withCaseOf(text.slice(r.start, r.end), name) }));
  }
  const role = roleAt(analysis, offset);
  if (!role) return undefined;
  const target = paradigmForName(analysis, name);
  const known = Object.keys(target.forms).length > 1;
  return role.all.map((m) => {
    const replacement = known ? replacementFor(text, m, target).text : inflectLike(target, m.form, m.text);
    return { start: m.start, end: m.end, newText: replacement };
  });
}
