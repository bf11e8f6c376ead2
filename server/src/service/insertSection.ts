/**
 * Inserting missing parts as skeletons: a required section (from the profile's `skeleton`, `{n}` =
 * its number) at the place the profile order gives it, with the right number, the sections after
 * it renumbered and every internal reference to them updated; an approval stamp at the top; a
 * clause for a missing element (normative basis, adopting body, councils' opinion, entry into
 * force, the voluntariness of MAX) at the end of the section that should hold it.
 *
 * The inserted text follows the draft's style: heading markers and emphasis of the neighbouring
 * section (`## 1. …`, `**4. …**`), capitals, trailing dots, blank lines between paragraphs, the
 * list marker in front of clauses (`- 3.1.10. …`) and the line ending.
 *
 * Pure functions of (model, spec): the model carries the text. Fixes are offered as quick fixes,
 * never applied by «исправить всё» (`preferred: false`): a skeleton needs the author's words.
 */
import type { ElementSpec, SectionSpec } from '../knowledge/types';
import type { DocumentModel, Line, RegNode } from '../model/types';
import type { Fix, OffsetEdit } from '../rules/types';
import { isRenumberable, planEdits, shiftPlan } from './renumber';
import { matchesPatterns, stripHeadingDecor } from '../util/headings';
import { RecentCache } from '../util/memo';

/** Normalises a heading for matching profile patterns (no emphasis, numbering, quotes; ё → е). */
function normalizeTitle(s: string): string {
  return stripHeadingDecor(s);
}

/** True when a normalised title (see {@link normalizeTitle}) matches one of the spec's patterns. */
function matchesNormalized(spec: SectionSpec, t: string): boolean {
  return matchesPatterns(spec.patterns, t);
}

function inAppendix(n: RegNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.kind === 'appendix') return true;
  return false;
}

/**
 * What the searches below read, once per model (every missing section and element asks them
 * again): the body sections, their normalised titles and, per profile, the spec each matches.
 */
interface SectionIndex {
  /** Sections of the body in document order. */
  readonly sections: readonly RegNode[];
  /** Normalised titles of `sections`, filled on first use. */
  readonly titles: Array<string | undefined>;
  /** Per profile: the index of the spec each section matches (-1 none), filled on first use. */
  readonly specs: Map<readonly SectionSpec[], Array<number | undefined>>;
}

const sectionIndexes = new RecentCache<DocumentModel, SectionIndex>();

function sectionIndex(model: DocumentModel): SectionIndex {
  let index = sectionIndexes.get(model);
  if (!index) {
    const sections = model.nodes.filter((n) => n.kind === 'section' && !inAppendix(n));
    index = { sections, titles: new Array<string | undefined>(sections.length), specs: new Map() };
    sectionIndexes.set(model, index);
  }
  return index;
}

function titleAt(index: SectionIndex, i: number): string {
  return (index.titles[i] ??= normalizeTitle(index.sections[i]!.title));
}

/** Sections of the body in document order (shared: do not modify). */
function bodySections(model: DocumentModel): readonly RegNode[] {
  return sectionIndex(model).sections;
}

/** The index in the profile of the spec the `i`-th body section matches, or -1. */
function specIndex(index: SectionIndex, profile: readonly SectionSpec[], i: number): number {
  let byProfile = index.specs.get(profile);
  if (!byProfile) index.specs.set(profile, (byProfile = new Array<number | undefined>(index.sections.length)));
  let k = byProfile[i];
  if (k === undefined) {
    const t = titleAt(index, i);
    byProfile[i] = k = profile.findIndex((s) => matchesNormalized(s, t));
  }
  return k;
}

/** The body section matching a profile spec (by id), if any. */
export function sectionFor(model: DocumentModel, profile: readonly SectionSpec[], id: string): RegNode | undefined {
  const spec = profile.find((s) => s.id === id);
  if (!spec) return undefined;
  const index = sectionIndex(model);
  for (let i = 0; i < index.sections.length; i++) if (matchesNormalized(spec, titleAt(index, i))) return index.sections[i];
  return undefined;
}

/** Offset of the start of line `i` (text length past the last line). */
function lineStart(model: DocumentModel, i: number): number {
  return i < model.lines.length ? model.lines[i]!.start : model.text.length;
}

/** True when the draft separates paragraphs with blank lines (judged after a node's head). */
function blankStyle(model: DocumentModel, node: RegNode | undefined): boolean {
  if (!node) return true;
  const next = model.lines[node.line + 1];
  return next === undefined || next.block === 'blank';
}

/** What goes before and after a number on a head line: `## `, `#### **` … `**`, `- `. */
function decoration(model: DocumentModel, node: RegNode | undefined): { prefix: string; suffix: string } {
  if (!node?.number) return { prefix: '', suffix: '' };
  const line = model.lines[node.line]!;
  const raw = model.text.slice(line.start, line.end);
  const prefix = raw.slice(0, Math.max(0, node.number.range.start - line.start));
  if (!/^[\s#>*_\-+]*$/.test(prefix)) return { prefix: '', suffix: '' };
  const emphasis = /(\*\*|__)\s*$/.exec(raw)?.[1];
  return { prefix, suffix: emphasis && prefix.includes(emphasis) ? emphasis : '' };
}

function isCaps(s: string): boolean {
  // Asked for the same few section titles across drafts: memoised, dropped when large.
  let caps = capsTitles.get(s);
  if (caps === undefined) {
    const letters = s.replace(/[^\p{L}]/gu, '');
    caps = letters.length >= 4 && letters === letters.toUpperCase();
    if (capsTitles.size >= 1024) capsTitles.clear();
    capsTitles.set(s, caps);
  }
  return caps;
}

const capsTitles = new Map<string, boolean>();

/**
 * Where to insert a block before the head line of `node` (or at the end of the text): just before
 * the line break that precedes that line, so that no edit starts where a renumbering edit of the
 * node's own number starts.
 */
function insertionBefore(model: DocumentModel, node: RegNode | undefined, lines: readonly string[], blank: boolean): OffsetEdit {
  const { text, eol } = model;
  const body = lines.join(eol);
  if (!node) {
    const end = text.length;
    // The last character, not `/[\r\n]$/.test(text)`: that regex is tried at every position of the text.
    const last = end > 0 ? text.charCodeAt(end - 1) : 0;
    const endsWithBreak = last === 10 || last === 13;
    return { start: end, end, newText: (endsWithBreak ? '' : eol) + (blank && end > 0 ? eol : '') + body + eol };
  }
  const p = lineStart(model, node.line);
  const brk = text.slice(Math.max(0, p - 2), p) === '\r\n' ? 2 : p > 0 && /[\r\n]/.test(text[p - 1]!) ? 1 : 0;
  if (brk === 0) return { start: p, end: p, newText: body + eol + (blank ? eol : '') };
  return { start: p - brk, end: p - brk, newText: eol + body + (blank ? eol : '') };
}

/** The first clause of a section (for the clause style), if any. */
function firstClause(section: RegNode | undefined): RegNode | undefined {
  if (!section) return undefined;
  const stack = [...section.children];
  while (stack.length > 0) {
    const n = stack.shift()!;
    if ((n.kind === 'clause' || n.kind === 'subclause') && n.number) return n;
    stack.unshift(...n.children);
  }
  return undefined;
}

/** One line of a section's skeleton, read once per spec and kind of act (see {@link templateOf}). */
type SkeletonLine =
  | { readonly type: 'clause'; readonly tail: string; readonly rest: string }
  | { readonly type: 'heading'; readonly rest: string }
  | { readonly type: 'blank' }
  | { readonly type: 'text'; readonly raw: string };

/** Skeletons adapted to the act's kind and parsed, per spec (knowledge objects are immutable) and kind. */
const templates = new WeakMap<SectionSpec, Map<string, readonly SkeletonLine[]>>();

function templateOf(model: DocumentModel, spec: SectionSpec): readonly SkeletonLine[] {
  // adaptToKind reads nothing of the model but the title's kind.
  const kind = model.title?.kind ?? 'ПОЛОЖЕНИЕ';
  let byKind = templates.get(spec);
  if (!byKind) templates.set(spec, (byKind = new Map()));
  let lines = byKind.get(kind);
  if (!lines) {
    lines = (spec.skeleton ?? [`{n}. ${spec.name}`]).map((l): SkeletonLine => {
      const raw = adaptToKind(model, l);
      const h = /^\{n\}\.?\s+(.*)$/u.exec(raw);
      const c = /^\{n\}((?:\.\d+)+)\.?\s+(.*)$/u.exec(raw);
      if (c) return { type: 'clause', tail: c[1]!, rest: c[2]! };
      if (h) return { type: 'heading', rest: h[1]! };
      if (raw.trim() === '') return { type: 'blank' };
      return { type: 'text', raw };
    });
    if (byKind.size >= 16) byKind.clear();
    byKind.set(kind, lines);
  }
  return lines;
}

/** The style of a neighbour section that skeletons follow. */
interface NeighbourStyle {
  readonly heading: { prefix: string; suffix: string };
  readonly headingDot: boolean;
  readonly caps: boolean;
  readonly clauseDeco: { prefix: string; suffix: string };
  readonly clauseDot: boolean;
  readonly blank: boolean;
}

/** Per model, per neighbour node: every missing section of a draft mostly asks the same one. */
const styles = new RecentCache<DocumentModel, Map<RegNode | undefined, NeighbourStyle>>();

function styleOf(model: DocumentModel, neighbour: RegNode | undefined): NeighbourStyle {
  let byNode = styles.get(model);
  if (!byNode) styles.set(model, (byNode = new Map()));
  let style = byNode.get(neighbour);
  if (!style) {
    const clause = firstClause(neighbour);
    style = {
      heading: decoration(model, neighbour),
      headingDot: neighbour?.number?.trailingDot ?? true,
      caps: neighbour ? isCaps(neighbour.title) : false,
      clauseDeco: decoration(model, clause),
      clauseDot: clause?.number?.trailingDot ?? true,
      blank: blankStyle(model, neighbour),
    };
    byNode.set(neighbour, style);
  }
  return style;
}

/** Formats the skeleton lines of a section numbered `n` in the style of its neighbour. */
function skeletonLines(model: DocumentModel, spec: SectionSpec, n: number, neighbour: RegNode | undefined): string[] {
  const { heading, headingDot, caps, clauseDeco, clauseDot, blank } = styleOf(model, neighbour);
  const out: string[] = [];
  for (const l of templateOf(model, spec)) {
    if (l.type === 'clause') {
      out.push(`${clauseDeco.prefix}${n}${l.tail}${clauseDot ? '.' : ''} ${l.rest}${clauseDeco.suffix}`);
    } else if (l.type === 'heading') {
      out.push(`${heading.prefix}${n}${headingDot ? '.' : ''} ${caps ? l.rest.toUpperCase() : l.rest}${heading.suffix}`);
    } else if (l.type === 'blank') {
      if (blank) out.push('');
    } else {
      out.push(l.raw.replace(/\{n\}/g, String(n)));
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * The fix inserting a missing section: before the first section that the profile orders after
 * it (else before the first appendix, else at the end), numbered like the section it displaces;
 * the sections after it move up by one, and references to them follow.
 */
export function insertSectionFix(model: DocumentModel, spec: SectionSpec, profile: readonly SectionSpec[]): Fix | undefined {
  const index = profile.findIndex((s) => s.id === spec.id);
  if (index < 0) return undefined;
  const sectionsIndex = sectionIndex(model);
  const sections = sectionsIndex.sections;
  const before = spec.last ? undefined : sections.find((_s, i) => specIndex(sectionsIndex, profile, i) > index);
  let n: number;
  let shifted: RegNode[] = [];
  let anchor: RegNode | undefined;
  if (before) {
    const at = sections.indexOf(before);
    shifted = sections.slice(at).filter(isRenumberable);
    const prev = sections.slice(0, at).filter(isRenumberable).pop();
    n = before.number && isRenumberable(before) ? before.number.parts[0]! : (prev?.number?.parts[0] ?? 0) + 1;
    anchor = before;
  } else {
    const arabic = sections.filter(isRenumberable);
    n = (arabic[arabic.length - 1]?.number?.parts[0] ?? 0) + 1;
    anchor = model.appendices[0];
  }
  const neighbour = before ?? sections[sections.length - 1];
  const lines = skeletonLines(model, spec, n, neighbour);
  if (lines.length === 0) return undefined;
  const blank = styleOf(model, neighbour).blank;
  const insert = insertionBefore(model, anchor, lines, blank);
  const renumbering = planEdits(model, shiftPlan(model, shifted, 1));
  const follows = shifted.length > 0 ? `, разделы ${shifted[0]!.number!.text}–${shifted[shifted.length - 1]!.number!.text} сдвинуть на один номер` : '';
  return {
    title: `Вставить раздел ${n} «${spec.name}»${follows}`,
    edits: [insert, ...renumbering],
    preferred: false,
  };
}

/** `2025-09-01` → `01.09.2025`. */
function ruDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * The fix inserting an approval stamp «УТВЕРЖДАЮ» at the top of the act, dated `dateIso` (the date
 * the check is made for: the author replaces it with the order's date).
 */
export function insertStampFix(model: DocumentModel, dateIso: string): Fix {
  const { eol } = model;
  const start = model.bom ? 1 : 0;
  const title = model.title ? model.lines[model.lineAt(model.title.range.start)] : undefined;
  const blank = !title || model.lines[title.index + 1]?.block !== 'paragraph';
  const lines = ['УТВЕРЖДАЮ', 'Директор ____________', `Приказ № ____ от ${ruDate(dateIso)}`];
  const newText = (blank ? lines.join(eol + eol) : lines.join(eol)) + eol + eol;
  return { title: `Вставить гриф «УТВЕРЖДАЮ» (дата ${ruDate(dateIso)} — проверьте)`, edits: [{ start, end: start, newText }], preferred: false };
}

type Case = 'nomn' | 'gent' | 'datv' | 'accs' | 'ablt' | 'loct';
const CASES: readonly Case[] = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'];

/** Case forms of the act's kind word and of «настоящий» agreeing with it. */
interface KindGrammar {
  readonly noun: readonly string[];
  readonly adj: readonly string[];
  readonly pronoun: string;
  readonly plural: boolean;
}

const KINDS: Readonly<Record<string, KindGrammar>> = {
  ПОЛОЖЕНИЕ: { noun: ['Положение', 'Положения', 'Положению', 'Положение', 'Положением', 'Положении'], adj: ['настоящее', 'настоящего', 'настоящему', 'настоящее', 'настоящим', 'настоящем'], pronoun: 'его', plural: false },
  ПОРЯДОК: { noun: ['Порядок', 'Порядка', 'Порядку', 'Порядок', 'Порядком', 'Порядке'], adj: ['настоящий', 'настоящего', 'настоящему', 'настоящий', 'настоящим', 'настоящем'], pronoun: 'его', plural: false },
  РЕГЛАМЕНТ: { noun: ['Регламент', 'Регламента', 'Регламенту', 'Регламент', 'Регламентом', 'Регламенте'], adj: ['настоящий', 'настоящего', 'настоящему', 'настоящий', 'настоящим', 'настоящем'], pronoun: 'его', plural: false },
  ПРАВИЛА: { noun: ['Правила', 'Правил', 'Правилам', 'Правила', 'Правилами', 'Правилах'], adj: ['настоящие', 'настоящих', 'настоящим', 'настоящие', 'настоящими', 'настоящих'], pronoun: 'их', plural: true },
  ИНСТРУКЦИЯ: { noun: ['Инструкция', 'Инструкции', 'Инструкции', 'Инструкцию', 'Инструкцией', 'Инструкции'], adj: ['настоящая', 'настоящей', 'настоящей', 'настоящую', 'настоящей', 'настоящей'], pronoun: 'её', plural: false },
};

const VERBS_PLURAL: Readonly<Record<string, string>> = {
  вступает: 'вступают', принимается: 'принимаются', утверждается: 'утверждаются', рассматривается: 'рассматриваются',
  вводится: 'вводятся', действует: 'действуют', разработано: 'разработаны', устанавливает: 'устанавливают', регулирует: 'регулируют',
};
const PAST: Readonly<Record<string, string>> = { ПОЛОЖЕНИЕ: 'разработано', ПОРЯДОК: 'разработан', РЕГЛАМЕНТ: 'разработан', ПРАВИЛА: 'разработаны', ИНСТРУКЦИЯ: 'разработана' };

function capitalLike(sample: string, word: string): string {
  return sample[0] === sample[0]!.toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
}

/**
 * Rewrites text written for a «Положение» (the profile's skeletons, the element clauses) for the
 * act's own kind: «Настоящее Положение вступает …» → «Настоящие Правила вступают …», «в настоящий
 * Порядок», «В настоящей Инструкции».
 */
export function adaptToKind(model: DocumentModel, text: string): string {
  const kind = model.title?.kind ?? 'ПОЛОЖЕНИЕ';
  const target = KINDS[kind];
  if (!target || kind === 'ПОЛОЖЕНИЕ') return text;
  const source = KINDS['ПОЛОЖЕНИЕ']!;
  let out = text.replace(/(?<![\p{L}])((?:[Нн]астоящ\p{L}+)\s+)?Положени(?:е|я|ю|ем|и)(?![\p{L}])/gu, (whole: string, adjPart: string | undefined, offset: number, all: string) => {
    const noun = whole.slice(adjPart?.length ?? 0);
    let c = CASES.findIndex((_k, i) => source.noun[i] === noun && (!adjPart || source.adj[i] === adjPart.trim().toLowerCase()));
    if (c < 0) c = CASES.findIndex((_, i) => source.noun[i] === noun);
    // «Положение» is nominative or accusative: after «в», «на», «за», «про» it is accusative.
    if (CASES[c] === 'nomn' && /(?:^|\s)(?:в|на|за|про)\s+$/iu.test(all.slice(0, offset))) c = 3;
    const adj = adjPart ? capitalLike(adjPart, target.adj[c]!) + ' ' : '';
    return adj + target.noun[c]!;
  });
  out = out.replace(/(?<![\p{L}])(его)(\s+(?:утверждения|принятия))/gu, (_w, _p: string, rest: string) => target.pronoun + rest);
  out = out.replace(/(?<![\p{L}])разработано(?![\p{L}])/gu, PAST[kind] ?? 'разработано');
  if (target.plural) {
    out = out.replace(/(Правила\s+(?:\p{L}+\s+){0,3}?)(\p{L}+)/gu, (w: string, head: string, verb: string) => (VERBS_PLURAL[verb] ? head + VERBS_PLURAL[verb] : w));
  }
  return out;
}

/** The clause text inserted for a missing element, by element id (in the act's kind). */
export function elementClauseText(model: DocumentModel, elementId: string): string | undefined {
  const texts: Readonly<Record<string, string>> = {
    'normative-basis': 'Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».',
    'adopted-by': 'Положение рассматривается на заседании педагогического совета и утверждается приказом директора.',
    'councils-opinion': 'Положение принимается с учетом мнения совета обучающихся и совета родителей (законных представителей) несовершеннолетних обучающихся.',
    'entry-into-force': 'Настоящее Положение вступает в силу со дня его утверждения приказом директора; срок действия не ограничен.',
    voluntariness: 'Использование национального мессенджера MAX участниками образовательных отношений является добровольным; обучающимся и родителям (законным представителям), не использующим MAX, образовательная организация обеспечивает альтернативный канал связи (электронная почта, телефон, электронный дневник).',
  };
  const text = texts[elementId];
  return text === undefined ? undefined : adaptToKind(model, text);
}

/** The last line index of a node's subtree. */
function lastLine(model: DocumentModel, n: RegNode): Line {
  return model.lines[model.lineAt(Math.max(n.range.start, n.range.end - 1))]!;
}

/** The direct numbered clauses of a section. */
function clausesOf(section: RegNode): RegNode[] {
  const out: RegNode[] = [];
  const walk = (n: RegNode): void => {
    for (const c of n.children) {
      if (isRenumberable(c) && c.number!.parts.length === section.number!.parts.length + 1) out.push(c);
      else if (c.kind === 'item') walk(c);
    }
  };
  walk(section);
  return out;
}

/**
 * The fix appending a clause for a missing element at the end of `host` (a numbered section):
 * numbered after its last clause, in the style of that clause.
 */
export function insertClauseFix(model: DocumentModel, host: RegNode, elementId: string, label: string): Fix | undefined {
  if (!host.number || !isRenumberable(host)) return undefined;
  const text = elementClauseText(model, elementId);
  if (!text) return undefined;
  const clauses = clausesOf(host);
  const last = clauses[clauses.length - 1];
  const parts = [...host.number.parts, (last?.number?.parts[last.number.parts.length - 1] ?? 0) + 1];
  const deco = decoration(model, last);
  const dot = last?.number?.trailingDot ?? host.number.trailingDot;
  const line = `${deco.prefix}${parts.join('.')}${dot ? '.' : ''} ${text}${deco.suffix}`;
  const end = lastLine(model, host);
  const blank = blankStyle(model, last ?? host) || end.listDepth > 0;
  const { eol } = model;
  return {
    title: `Добавить пункт ${parts.join('.')}: ${label}`,
    edits: [{ start: end.end, end: end.end, newText: eol + (blank ? eol : '') + line }],
    preferred: false,
  };
}

/** The section that should hold an element: the final section for the entry into force, else the general one (else the first). */
export function elementHost(model: DocumentModel, profile: readonly SectionSpec[], elementId: string): RegNode | undefined {
  const general = sectionFor(model, profile, 'general') ?? bodySections(model).find(isRenumberable);
  if (elementId === 'entry-into-force') return sectionFor(model, profile, 'final') ?? general;
  return general;
}

/** The fix for a missing element of the profile (undefined for the approval stamp and unknown elements). */
export function insertElementFix(model: DocumentModel, profile: readonly SectionSpec[], element: Pick<ElementSpec, 'id' | 'name'>): Fix | undefined {
  const host = elementHost(model, profile, element.id);
  return host ? insertClauseFix(model, host, element.id, element.name) : undefined;
}
