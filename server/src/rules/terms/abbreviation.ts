/**
 * terms/abbreviation
 *
 * What it checks: short names introduced with «(далее – X)» («(далее - X)», «(далее — X)»,
 * «(далее по тексту – X)», several names separated by commas):
 * - the long form is repeated after the introduction, in any case form («информационно-
 *   коммуникационной образовательной платформы «Сферум»» after «(далее – ИКОП «Сферум»)») —
 *   checked for abbreviations whose letters are the initials of the long form (ИКОП, АИС «ЭПОС»);
 *   a definition in the terms section and a repetition followed by a parenthesis are not reported;
 * - an abbreviation used in the body before it is introduced (the line of the introduction and
 *   the terms section excepted);
 * - a short name never used after its introduction.
 * Why: an act defines a short name to use it; the long form afterwards, or the short form before
 * its definition, makes a reader wonder whether two things are meant.
 * Options: none.
 * Fix: a repeated long form → the abbreviation (abbreviations do not decline, so the sentence
 * stays grammatical). The other findings have no automatic fix.
 */
import { definitionNodes } from '../../analysis/platform';
import { inZones, protectedZones } from '../../analysis/zones';
import type { DocumentModel, OffsetRange } from '../../model/types';
import { defineRule } from '../types';

/** One introduced short name. */
export interface Alias extends OffsetRange {
  readonly text: string;
  /** The whole parenthesis «(далее – …)». */
  readonly intro: OffsetRange;
  /** The long form before the parenthesis (acronyms only). */
  readonly longForm?: OffsetRange;
  readonly acronym: boolean;
}

const INTRO_RE = /\(\s*далее(?![\p{L}])/giu;
const LEAD_RE = /^\s*(?:по\s+тексту\s*)?(?:[-–—:]\s*|\s+)/u;
const ACRONYM_RE = /^[\p{L}]*\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*$/u;

/** Splits `s` at top-level commas and semicolons (not inside «…» or (…)). */
function splitTop(s: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (c === '«' || c === '(') depth++;
    else if ((c === '»' || c === ')') && depth > 0) depth--;
    if (i === s.length || (depth === 0 && (c === ',' || c === ';'))) {
      const part = s.slice(from, i);
      const lead = part.length - part.trimStart().length;
      if (part.trim()) out.push({ text: part.trim(), offset: from + lead });
      from = i + 1;
    }
  }
  return out;
}

/** Initial letters of a word (each part of a hyphenated compound). */
function initials(word: string): string {
  return word.split(/[-‐‑]/).map((p) => p[0] ?? '').join('').toUpperCase();
}

/** Finds the long form of an acronym before `end` on the same line, or undefined. */
function longFormBefore(text: string, lineStart: number, end: number, acronym: string): OffsetRange | undefined {
  const letters = acronym.replace(/[^\p{Lu}]/gu, '');
  let pos = end;
  while (pos > lineStart && /\s/.test(text[pos - 1]!)) pos--;
  let stop = pos;
  // An optional quoted tail («Сферум», «Электронная … Система»).
  if (text[pos - 1] === '»' || text[pos - 1] === '"') {
    const open = text.lastIndexOf(text[pos - 1] === '»' ? '«' : '"', pos - 2);
    if (open < lineStart) return undefined;
    pos = open;
    while (pos > lineStart && /\s/.test(text[pos - 1]!)) pos--;
  }
  let got = '';
  let start = pos;
  while (got.length < letters.length) {
    const m = /([\p{L}]+(?:[-‐‑][\p{L}]+)*)\s*$/u.exec(text.slice(lineStart, pos));
    if (!m) return undefined;
    const w = m[1]!;
    got = initials(w) + got;
    start = lineStart + m.index!;
    pos = start;
    if (!letters.endsWith(got)) return undefined;
  }
  if (got !== letters) return undefined;
  return { start, end: stop };
}

/** A regular expression matching `phrase` in any case form (each inflected word by its stem). */
function inflectedPattern(phrase: string): string {
  return phrase
    .split(/(\s+|«[^»]*»|"[^"]*")/u)
    .filter((t) => t.length > 0)
    .map((t) => {
      if (/^\s+$/.test(t)) return '\\s+';
      if (/^[«"]/.test(t)) return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const parts = t.split(/([-‐‑])/);
      return parts
        .map((p, i) => {
          if (/^[-‐‑]$/.test(p)) return '[-‐‑]';
          const esc = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          if (i < parts.length - 1 || !/^\p{L}{5,}$/u.test(p)) return esc; // first parts of a compound do not decline
          return esc.slice(0, Math.max(4, p.length - 3)) + '\\p{L}*';
        })
        .join('');
    })
    .join('');
}

/** Every short name introduced with «(далее – …)». */
export function findAliases(model: DocumentModel, text: string): Alias[] {
  const zones = protectedZones(model, text);
  const out: Alias[] = [];
  // The matching `)` of every `(` of a line, computed once per line: scanning from each intro to
  // its `)` is quadratic on a line of thousands of unclosed «(далее –».
  const closers = new Map<number, Map<number, number>>();
  const closeOf = (open: number): number => {
    const line = model.lines[model.lineAt(open)]!;
    let matches = closers.get(line.index);
    if (!matches) {
      matches = new Map();
      const stack: number[] = [];
      for (let i = line.start; i < line.end; i++) {
        const c = text.charCodeAt(i);
        if (c === 40 /* ( */) stack.push(i);
        else if (c === 41 /* ) */ && stack.length > 0) matches.set(stack.pop()!, i);
      }
      closers.set(line.index, matches);
    }
    return matches.get(open) ?? -1;
  };
  for (const m of text.matchAll(INTRO_RE)) {
    const open = m.index!;
    if (inZones(zones, open)) continue;
    const close = closeOf(open);
    if (close < 0) continue;
    const bodyStart = open + m[0].length;
    const lead = LEAD_RE.exec(text.slice(bodyStart, close));
    if (!lead) continue;
    const listStart = bodyStart + lead[0].length;
    const lineStart = model.lines[model.lineAt(open)]!.start;
    for (const part of splitTop(text.slice(listStart, close))) {
      const firstToken = /^[\p{L}]+/u.exec(part.text)?.[0] ?? '';
      const acronym = firstToken.length >= 2 && ACRONYM_RE.test(firstToken);
      const start = listStart + part.offset;
      out.push({
        start,
        end: start + part.text.length,
        text: part.text,
        intro: { start: open, end: close + 1 },
        acronym,
        longForm: acronym ? longFormBefore(text, lineStart, open, firstToken) : undefined,
      });
    }
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineRule({
  id: 'terms/abbreviation',
  description: 'Сокращение «(далее – …)»: полная форма после введения, использование до введения, неиспользуемое сокращение',
  defaultSeverity: 'information',
  fixable: true,
  check(ctx) {
    const { model, text } = ctx;
    const aliases = findAliases(model, text);
    const zones = protectedZones(model, text);
    const intros = aliases.map((a) => a.intro);
    const defs = definitionNodes(model).map((n) => n.range);
    const inDefs = (o: number): boolean => defs.some((r) => o >= r.start && o < r.end);
    const inIntro = (o: number): boolean => intros.some((r) => o >= r.start && o < r.end);
    const seen = new Set<string>();

    for (const alias of aliases) {
      if (seen.has(alias.text)) continue;
      seen.add(alias.text);
      const introLine = model.lineAt(alias.intro.start);
      const exact = new RegExp(`(?<![\\p{L}\\p{N}])${escape(alias.text)}(?![\\p{L}\\p{N}])`, 'gu');

      // Repeated long form.
      if (alias.longForm) {
        const long = text.slice(alias.longForm.start, alias.longForm.end);
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${inflectedPattern(long)}(?![\\p{L}\\p{N}])`, 'giu');
        re.lastIndex = alias.intro.end;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const start = m.index;
          const end = start + m[0].length;
          if (inZones(zones, start, end) || inDefs(start) || inIntro(start) || /^\s*\(/.test(text.slice(end, end + 3))) continue;
          ctx.report({
            range: { start, end },
            message: `Для «${long}» уже введено сокращение «${alias.text}» (строка ${introLine + 1})`,
            related: [{ range: { start: alias.start, end: alias.end }, message: 'Сокращение введено здесь' }],
            fixes: [{ title: `Заменить на «${alias.text}»`, edits: [{ start, end, newText: alias.text }] }],
          });
        }
      }

      // Used before the introduction.
      if (alias.acronym) {
        for (const m of text.slice(0, alias.intro.start).matchAll(exact)) {
          const start = m.index!;
          if (start < model.bodyStart || model.lineAt(start) === introLine || inZones(zones, start) || inDefs(start) || inIntro(start)) continue;
          if (text[start - 1] === '(' && text[start + alias.text.length] === ')') continue; // «… платформа «Сферум» (ИКОП «Сферум»)»
          ctx.report({
            range: { start, end: start + alias.text.length },
            message: `Сокращение «${alias.text}» используется до того, как введено (строка ${introLine + 1})`,
            related: [{ range: { start: alias.start, end: alias.end }, message: 'Сокращение введено здесь' }],
          });
          break; // one finding per abbreviation is enough
        }
      }

      // Never used after the introduction.
      const usage = alias.acronym ? exact : new RegExp(`(?<![\\p{L}\\p{N}])${inflectedPattern(alias.text)}(?![\\p{L}\\p{N}])`, 'giu');
      usage.lastIndex = 0;
      const after = text.slice(alias.intro.end);
      const used = [...after.matchAll(usage)].some((m) => !inIntro(alias.intro.end + m.index!));
      if (!used) {
        ctx.report({
          range: { start: alias.start, end: alias.end },
          message: `Сокращение «${alias.text}» введено, но дальше в тексте не используется`,
        });
      }
    }
  },
});
