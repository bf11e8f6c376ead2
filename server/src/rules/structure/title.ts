/**
 * structure/title
 *
 * What it checks: the act has a title (ПОЛОЖЕНИЕ / ПОРЯДОК / ПРАВИЛА / РЕГЛАМЕНТ / ИНСТРУКЦИЯ
 * and its subject), and the text calls the act by the same name as its title: a ПОРЯДОК that
 * says «Положение разработано …», «в настоящем положении» calls itself by another kind.
 * Only self-references are compared — «настоящее/данное Положение» in any case, «(далее –
 * Положение)», and a sentence that opens with «Положение разработано/принимается/устанавливает …».
 * Other acts («в соответствии с Положением о …», quoted titles) are never touched.
 * Why: the kind of a local act is part of its name; an act that calls itself by another kind is
 * a copied template, and references to «настоящее Положение» point at no existing act.
 * Options: none.
 * Fix: replace the word (and its adjective or short participle) with the title's kind in the
 * same case, number and capitalisation: «Положение разработано» → «Порядок разработан»,
 * «настоящего Положения» → «настоящего Порядка», «положении» → «порядке».
 */
import type { Fix } from '../types';
import { defineRule } from '../types';
import { DualRe } from '../../legal/plainRe';
import { plainText } from '../../util/plainText';
import { lowerBound } from '../../util/sorted';

type Gender = 'n' | 'm' | 'f' | 'p';
type Case = 'nom' | 'gen' | 'dat' | 'ins' | 'pre' | 'acc';

interface KindForms {
  readonly gender: Gender;
  /** Forms by case; `acc` only when it differs from `nom`. */
  readonly forms: Readonly<Partial<Record<Case, string>>>;
}

/** Declension of the act kinds (the act's own name: a small closed table). */
const KINDS: Readonly<Record<string, KindForms>> = {
  ПОЛОЖЕНИЕ: { gender: 'n', forms: { nom: 'положение', gen: 'положения', dat: 'положению', ins: 'положением', pre: 'положении' } },
  ПОРЯДОК: { gender: 'm', forms: { nom: 'порядок', gen: 'порядка', dat: 'порядку', ins: 'порядком', pre: 'порядке' } },
  РЕГЛАМЕНТ: { gender: 'm', forms: { nom: 'регламент', gen: 'регламента', dat: 'регламенту', ins: 'регламентом', pre: 'регламенте' } },
  ПРАВИЛА: { gender: 'p', forms: { nom: 'правила', gen: 'правил', dat: 'правилам', ins: 'правилами', pre: 'правилах' } },
  ИНСТРУКЦИЯ: { gender: 'f', forms: { nom: 'инструкция', acc: 'инструкцию', gen: 'инструкции', ins: 'инструкцией' } },
};

/** Adjective endings (настоящ- soft / данн- hard) by gender and case. */
const ADJ: Readonly<Record<Gender, Readonly<Partial<Record<Case, [string, string]>>>>> = {
  n: { nom: ['ее', 'ое'], gen: ['его', 'ого'], dat: ['ему', 'ому'], ins: ['им', 'ым'], pre: ['ем', 'ом'] },
  m: { nom: ['ий', 'ый'], gen: ['его', 'ого'], dat: ['ему', 'ому'], ins: ['им', 'ым'], pre: ['ем', 'ом'] },
  p: { nom: ['ие', 'ые'], gen: ['их', 'ых'], dat: ['им', 'ым'], ins: ['ими', 'ыми'], pre: ['их', 'ых'] },
  f: { nom: ['ая', 'ая'], acc: ['ую', 'ую'], gen: ['ей', 'ой'], dat: ['ей', 'ой'], ins: ['ей', 'ой'], pre: ['ей', 'ой'] },
};

/** Short-participle / past-tense endings after a nominative: разработано → разработан. */
const PREDICATE_END: Readonly<Record<Gender, string>> = { n: 'о', m: '', p: 'ы', f: 'а' };
const PAST_END: Readonly<Record<Gender, string>> = { n: 'о', m: '', p: 'и', f: 'а' };

/** Words that open a self-referring sentence: «Положение разработано / принимается / устанавливает …». */
const SELF_PREDICATE = /^(разработан|принят|утвержд|устанавлива|регулиру|определя|вступ|вводит|введен|является|действу|распространя|подлежит|может|содерж|составлен|размеща)/iu;

function applyCase(model: string, word: string): string {
  if (model === model.toUpperCase() && model.length > 1) return word.toUpperCase();
  if (model[0] === model[0]!.toUpperCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** Case of a form of `kind` (lower-case form), or undefined. */
function caseOf(kind: KindForms, form: string): Case[] {
  return (Object.entries(kind.forms) as Array<[Case, string]>).filter(([, f]) => f === form).map(([c]) => c);
}

interface SelfRef {
  start: number;
  end: number;
  /** The kind the text uses. */
  used: string;
  /** Replacement (undefined when no safe replacement exists). */
  replacement?: string;
  quoted: string;
}

const WORD_FORMS = Object.entries(KINDS).flatMap(([k, v]) => Object.values(v.forms).map((f) => ({ kind: k, form: f! })));
const FORM_RE = WORD_FORMS.map((w) => w.form).sort((a, b) => b.length - a.length).join('|');
/** `настоящего Положения`, `данное Положение`. */
const ADJ_RE = new RegExp(`(?<![\\p{L}])(настоящ|данн)(\\p{L}{2,3})\\s+(${FORM_RE})(?![\\p{L}])`, 'giu');
/** `(далее – Положение)`. */
const DALEE_RE = new RegExp(`далее\\s*[-–—]\\s*(${FORM_RE})(?![\\p{L}])`, 'giu');
/** A sentence opening with the nominative: after a clause number, the line start or `. `. */
const OPEN = new DualRe(`(?:^|(?<=[.:;]\\s)|(?<=^\\d{1,2}(?:\\.\\d{1,2})*\\.?\\s))(положение)\\s+(\\p{L}+)`, 'giu');

function inQuotes(line: string, at: number): boolean {
  const before = line.slice(0, at);
  const open = (before.match(/«/g) ?? []).length;
  const close = (before.match(/»/g) ?? []).length;
  if (open > close) return true;
  return ((before.match(/"/g) ?? []).length % 2) === 1;
}

/**
 * `s.matchAll(re)` for the module's own global patterns, as an array: `matchAll` clones the
 * regex on every call, which cost more than the matching on the short lines read here.
 */
/*
 * Every match of ADJ_RE begins with «настоящ» / «данн» and every match of DALEE_RE with «далее»:
 * words CUES finds at every position (it steps by one). So instead of scanning the line (ADJ_RE
 * opens with a lookbehind, tried at every position), each is run sticky at those cue hits only.
 */
const ADJ_AT = new DualRe(ADJ_RE.source, 'yiu');
const DALEE_AT = new DualRe(DALEE_RE.source, 'yiu');
/*
 * The scans come in two flavours (`legal/plainRe.ts` DualRe): without `u`, `\p{L}` spelled out,
 * for plain drafts (util/plainText.ts; their lines are plain too), where they find the same
 * matches and compile many times faster (~2 ms saved in each cold process); else with `iu`.
 */

/**
 * What {@link execAll} finds with the global form of the sticky `re`, when every match begins at
 * one of `at` (ascending offsets in `s`): the first hit at or after the end of the previous match
 * where `re` matches is where the global scan would find its next match.
 */
function execAt(re: RegExp, s: string, at: readonly number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let floor = 0;
  for (const p of at) {
    if (p < floor) continue;
    re.lastIndex = p;
    const m = re.exec(s);
    if (m) {
      out.push(m);
      floor = re.lastIndex; // none of them matches the empty string
    }
  }
  return out;
}

function execAll(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m); // none of them matches the empty string
  return out;
}

/**
 * Self-references of one line. `cues` tells which patterns can match there (see {@link cueMask}):
 * the others are not run.
 */
/**
 * `cues`: the {@link cueKind}s of the cue hits in the line; `adjAt`, `daleeAt`: the offsets in
 * `content` of its `CUE_ADJ` and `CUE_DALEE` hits.
 */
function findSelfRefs(content: string, base: number, titleKind: string, cues: number, adjAt: readonly number[], daleeAt: readonly number[], plain: boolean): SelfRef[] {
  const target = KINDS[titleKind];
  if (!target) return [];
  const out: SelfRef[] = [];
  const kindOf = (form: string) => WORD_FORMS.find((w) => w.form === form.toLowerCase())?.kind;
  const after = (end: number): string => content.slice(end);
  for (const m of cues & CUE_ADJ ? execAt(ADJ_AT.get(plain), content, adjAt) : []) {
    const [whole, stem, ending, word] = m as unknown as [string, string, string, string];
    const used = kindOf(word);
    if (!used || used === titleKind || inQuotes(content, m.index!)) continue;
    // «настоящий порядок» in lower case may mean a procedure, not the act; only «Положение» is taken in lower case.
    if (used !== 'ПОЛОЖЕНИЕ' && word[0] === word[0]!.toLowerCase()) continue;
    const usedForms = KINDS[used]!;
    const soft = stem.toLowerCase() === 'настоящ' ? 0 : 1;
    const cases = caseOf(usedForms, word.toLowerCase()).filter((c) => {
      const e = ADJ[usedForms.gender][c] ?? (c === 'acc' ? ADJ[usedForms.gender].nom : undefined);
      return e?.[soft] === ending.toLowerCase();
    });
    let replacement: string | undefined;
    const refersToOther = /^\s+(о|об)\s/iu.test(after(m.index! + whole.length));
    if (cases.length === 1 && !refersToOther) {
      let c = cases[0]!;
      if (target.gender === 'f' && c === 'nom') c = 'nom'; // nominative vs accusative is ambiguous for feminine targets
      const noun = target.forms[c] ?? (c === 'acc' ? target.forms.nom : undefined);
      const adj = ADJ[target.gender][c];
      const ambiguousFem = target.gender === 'f' && (c === 'nom' || c === 'acc');
      if (noun && adj && !ambiguousFem) {
        const newAdj = applyCase(stem + ending, stem.toLowerCase() + adj[soft]);
        replacement = `${newAdj}${whole.slice(stem.length + ending.length, whole.length - word.length)}${applyCase(word, noun)}`;
      }
    }
    out.push({ start: base + m.index!, end: base + m.index! + whole.length, used, replacement, quoted: whole });
  }
  for (const m of cues & CUE_DALEE ? execAt(DALEE_AT.get(plain), content, daleeAt) : []) {
    const word = m[1]!;
    const used = kindOf(word);
    if (!used || used === titleKind || (used !== 'ПОЛОЖЕНИЕ' && word[0] === word[0]!.toLowerCase())) continue;
    const cases = caseOf(KINDS[used]!, word.toLowerCase());
    const start = m.index! + m[0].length - word.length;
    const noun = cases[0] === 'nom' ? target.forms.nom : undefined;
    out.push({ start: base + start, end: base + start + word.length, used, replacement: noun ? applyCase(word, noun) : undefined, quoted: word });
  }
  if (titleKind !== 'ПОЛОЖЕНИЕ' && cues & CUE_OPEN) {
    for (const m of execAll(OPEN.get(plain), content)) {
      const word = m[1]!;
      const next = m[2]!;
      if (!SELF_PREDICATE.test(next) || next[0] !== next[0]!.toLowerCase() || inQuotes(content, m.index!)) continue;
      const wordStart = m.index! + m[0].indexOf(word);
      if (out.some((r) => r.start <= base + wordStart && base + wordStart < r.end)) continue;
      const nextStart = wordStart + word.length + m[0].slice(m[0].indexOf(word) + word.length).indexOf(next);
      let newNext = next;
      if (/(ан|ен|ят|ыт|ит)о$/iu.test(next)) newNext = next.slice(0, -1) + PREDICATE_END[target.gender];
      else if (/ло$/iu.test(next)) newNext = next.slice(0, -1) + PAST_END[target.gender];
      else if (target.gender === 'p' && /(ет|ит|ся)$/iu.test(next)) newNext = ''; // plural verb forms: leave to the author
      const replacement = newNext === '' ? undefined : `${applyCase(word, target.forms.nom!)}${content.slice(wordStart + word.length, nextStart)}${newNext}`;
      out.push({ start: base + wordStart, end: base + nextStart + next.length, used: 'ПОЛОЖЕНИЕ', replacement, quoted: content.slice(wordStart, nextStart + next.length) });
    }
  }
  return out;
}

/**
 * Words without which none of the three patterns above can match: ADJ_RE needs настоящ-/данн-,
 * DALEE_RE далее, OPEN положение — and each of them a form of a kind (FORM_RE), each of
 * which begins with one of the stems of FORM_CUE_RE (kept in step with KINDS). The first are found
 * in one scan of the whole text; the few lines that hold one are then tested for a stem, and only
 * the lines with both are read with the patterns (a fifth of the lines, not all of them).
 */
const CUES = new DualRe('настоящ|данн|далее|положение', 'giu');
const FORM_CUE_RE = /положени|порядок|порядк|регламент|правил|инструкци/iu;

/**
 * Which pattern a cue serves, told by its length (the four cues differ in length; a letter
 * could be a case variant of another script): настоящ (7) and данн (4) ADJ_RE, далее (5)
 * DALEE_RE, положение (9) OPEN. At one position at most one cue matches.
 */
const CUE_ADJ = 1;
const CUE_DALEE = 2;
const CUE_OPEN = 4;

function cueKind(length: number): number {
  return length === 5 ? CUE_DALEE : length === 9 ? CUE_OPEN : CUE_ADJ;
}

interface Hits {
  readonly starts: number[];
  readonly ends: number[];
  /** {@link cueKind} of each hit. */
  readonly kinds: number[];
}

/**
 * Start and end offsets of every match of `re` (global) in `text` that starts in `[from, to)`,
 * overlapping ones included, in order; no cue contains another, so the ends increase too.
 */
function cueHits(re: RegExp, text: string, from: number, to: number): Hits {
  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: number[] = [];
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    kinds.push(cueKind(m[0].length));
    re.lastIndex = m.index + 1;
  }
  return { starts, ends, kinds };
}

/**
 * The kinds of the hits that lie wholly inside `[from, to)` (a line's content is the text between
 * its offsets), or 0 when none does.
 */
function cueMask(hits: Hits, from: number, to: number): number {
  const { starts, ends, kinds } = hits;
  let mask = 0;
  for (let k = lowerBound(starts, from); k < starts.length && starts[k]! < to; k++) if (ends[k]! <= to) mask |= kinds[k]!;
  return mask;
}

/** The offsets from `from` of the hits of `kind` within `[from, to)`. */
function hitsOf(hits: Hits, from: number, to: number, kind: number): number[] {
  const { starts, ends, kinds } = hits;
  const out: number[] = [];
  for (let k = lowerBound(starts, from); k < starts.length && starts[k]! < to; k++) if (ends[k]! <= to && kinds[k] === kind) out.push(starts[k]! - from);
  return out;
}

/** The nominative of a kind with a capital: «Порядок». */
const NONE: readonly number[] = [];

export function kindName(kind: string): string {
  const f = KINDS[kind]?.forms.nom ?? kind.toLowerCase();
  return f[0]!.toUpperCase() + f.slice(1);
}

export default defineRule({
  id: 'structure/title',
  description: 'Нет заголовка акта или текст называет акт иначе, чем заголовок (ПОРЯДОК называет себя «Положением»)',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const { model } = ctx;
    const title = model.title;
    if (!title) {
      const first = model.lines.find((l) => l.block !== 'blank' && l.block !== 'html' && !l.debris && l.content.length > 0);
      if (!first) return;
      ctx.report({
        range: { start: first.contentStart, end: first.contentEnd },
        message: 'Нет заголовка акта: вида документа (ПОЛОЖЕНИЕ, ПОРЯДОК, ПРАВИЛА, РЕГЛАМЕНТ) и его предмета',
      });
      return;
    }
    if (title.subject.trim().length === 0) {
      ctx.report({ range: title.kindRange, message: `В заголовке после «${title.kind}» нет предмета регулирования (об использовании …)` });
    }
    // Appendices may be documents of their own («Правила поведения в чатах»): only the act's body is read.
    const bodyEnd = model.appendices[0]?.range.start ?? Number.POSITIVE_INFINITY;
    // Only the contents of the lines read below are scanned for cues.
    let scanEnd = model.bodyStart;
    for (const l of model.lines) {
      if (l.start >= bodyEnd) break;
      if (l.contentEnd > scanEnd) scanEnd = l.contentEnd;
    }
    const plain = plainText(ctx.text);
    const cues = cueHits(CUES.get(plain), ctx.text, model.bodyStart, scanEnd);
    const starts = cues.starts;
    // The first cue hit not before the line (lines and hits ascend): lines without one are passed over.
    let next = 0;
    for (const l of model.lines) {
      if (l.start >= bodyEnd || next >= starts.length) break;
      if (starts[next]! >= l.contentEnd) continue;
      while (next < starts.length && starts[next]! < l.contentStart) next++;
      if (next >= starts.length || starts[next]! >= l.contentEnd) continue;
      if (l.start < model.bodyStart || l.block === 'code' || l.block === 'html' || l.block === 'blank' || l.debris) continue;
      const mask = cueMask(cues, l.contentStart, l.contentEnd);
      if (mask === 0 || !FORM_CUE_RE.test(l.content)) continue;
      // Appendix captions («Приложение № 1 к Положению о …») name the act by its full title: left alone.
      if (/^Приложение/iu.test(l.content)) continue;
      const adjAt = mask & CUE_ADJ ? hitsOf(cues, l.contentStart, l.contentEnd, CUE_ADJ) : NONE;
      const daleeAt = mask & CUE_DALEE ? hitsOf(cues, l.contentStart, l.contentEnd, CUE_DALEE) : NONE;
      for (const r of findSelfRefs(l.content, l.contentStart, title.kind, mask, adjAt, daleeAt, plain)) {
        const fix: Fix | undefined = r.replacement !== undefined && r.replacement !== r.quoted
          ? { title: `Заменить на «${r.replacement}»`, edits: [{ start: r.start, end: r.end, newText: r.replacement }] }
          : undefined;
        ctx.report({
          range: { start: r.start, end: r.end },
          message: `Акт озаглавлен «${kindName(title.kind)}», а здесь называет себя «${kindName(r.used)}»`,
          related: [{ range: title.kindRange, message: `Заголовок: ${title.kind}` }],
          fixes: fix ? [fix] : undefined,
        });
      }
    }
  },
});

/**
 * Internals for the property tests (`test/unit/fast-paths.test.ts`): the cue hits, the ADJ and
 * DALEE scans at cue hits and the global scans they replace.
 * @internal
 */
export const titleInternals = {
  scans(content: string, plain = false): { adj: [RegExpExecArray[], RegExpExecArray[]]; dalee: [RegExpExecArray[], RegExpExecArray[]] } {
    const hits = cueHits(CUES.get(plain), content, 0, content.length);
    return {
      adj: [execAt(ADJ_AT.get(plain), content, hitsOf(hits, 0, content.length, CUE_ADJ)), execAll(ADJ_RE, content)],
      dalee: [execAt(DALEE_AT.get(plain), content, hitsOf(hits, 0, content.length, CUE_DALEE)), execAll(DALEE_RE, content)],
    };
  },
  /** The self-references of one line (as the rule reads it) with the scans of either flavour. */
  selfRefs(content: string, titleKind: string, plain: boolean): SelfRef[] {
    const hits = cueHits(CUES.get(plain), content, 0, content.length);
    let mask = 0;
    for (const k of hits.kinds) mask |= k;
    return findSelfRefs(content, 0, titleKind, mask, hitsOf(hits, 0, content.length, CUE_ADJ), hitsOf(hits, 0, content.length, CUE_DALEE), plain);
  },
};
