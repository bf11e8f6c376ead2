/**
 * Russian inflection at run time, without a morphology library.
 *
 * Every case × number form of the phrases the rules need (role words, platform terms) is
 * generated ahead of time by `scripts/generate-forms.mjs` with `az` (OpenCorpora dictionaries) and
 * committed as `server/data/forms.json`; the list of phrases is `server/data/phrases.json`. This
 * module only reads that table: it finds any form of a phrase in a text and produces the form of
 * another phrase in the same case and number, keeping the capitalisation of what it replaces.
 * The runtime never loads `az` (~11 MB of dictionaries; the `.vsix` must stay small).
 *
 * Form keys are OpenCorpora grammemes `<case>,<number>`: cases `nomn gent datv accs ablt loct`,
 * numbers `sing plur` — e.g. `"ablt,sing"` → «классным руководителем».
 *
 * Choosing a form key for a replacement (see {@link chooseFormKey}): a found surface form may stand
 * for several keys («куратора» is gent or accs singular; «обучающихся» is gent, accs or loct
 * plural). The rule is:
 * 1. if the target phrase has the same surface form for every candidate key, any key is right —
 *    the first candidate in {@link FORM_KEYS} order is taken;
 * 2. otherwise the keys of a coordinated neighbour (`hints`: «куратора или учителя» — the keys
 *    of «куратора») narrow the candidates when they share any;
 *    else the preposition in front of the match (skipping up to two adjectives) narrows the
 *    candidates to the cases it governs, the usual one first («об обучающихся» → loct, «для …» →
 *    gent, «к …» → datv);
 * 3. otherwise, with no preposition, the locative is dropped (it never stands without one), and at
 *    the start of a clause or sentence the nominative is taken («Учителя присоединяются …»); else
 *    the first remaining candidate is taken; the choice is then marked uncertain, and rules
 *    offer such a fix as not preferred (it is not applied by fix-all without a look).
 */
import formsData from '../../data/forms.json';

/** A phrase with its forms. */
export interface Paradigm {
  readonly id: string;
  /** The phrase in the nominative singular, as written in `phrases.json`. */
  readonly lemma: string;
  /** Form key (`"gent,sing"`) → surface form. Keys for forms that do not exist are absent. */
  readonly forms: Readonly<Record<string, string>>;
}

/** A found occurrence of a paradigm's form. */
export interface FormMatch {
  readonly start: number;
  readonly end: number;
  /** The first key (in {@link FORM_KEYS} order) whose form matches, e.g. `"gent,sing"`. */
  readonly form: string;
  /** Every key whose form has this surface (gent and accs singular of «куратора» …). */
  readonly forms: readonly string[];
  /** The matched text as written. */
  readonly text: string;
}

/** Cases and numbers in the canonical order of form keys. */
export const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'] as const;
export const NUMBERS = ['sing', 'plur'] as const;
/** All form keys, singular first. */
export const FORM_KEYS: readonly string[] = NUMBERS.flatMap((n) => CASES.map((c) => `${c},${n}`));

type FormsFile = Record<string, { lemma: string; forms: Record<string, string> } | string>;

const BUILTIN = new Map<string, Paradigm>();
for (const [id, entry] of Object.entries(formsData as unknown as FormsFile)) {
  if (typeof entry !== 'object' || entry === null || id.startsWith('$')) continue;
  BUILTIN.set(id, Object.freeze({ id, lemma: entry.lemma, forms: Object.freeze({ ...entry.forms }) }));
}

/** Ids of all built-in paradigms (forms.json). */
export function paradigmIds(): string[] {
  return [...BUILTIN.keys()];
}

/** The paradigm with this id: from `extra` (workspace phrases) first, then the built-in forms.json. */
export function paradigm(id: string, extra?: Record<string, Paradigm>): Paradigm | undefined {
  return extra?.[id] ?? BUILTIN.get(id);
}

/**
 * A paradigm that knows only the given text (any case): the fallback for a word a workspace adds
 * without forms. It finds that exact text and replaces with it unchanged.
 */
export function literalParadigm(id: string, text: string): Paradigm {
  return Object.freeze({ id, lemma: text, forms: Object.freeze({ 'nomn,sing': text }) });
}

/** Normalises a surface form for comparison: lower case, ё → е, one space, plain quotes and hyphens. */
export function normalizeForm(s: string): string {
  // Pure, and asked for the same few surfaces at every match: memoised (cache dropped when large).
  let form = normalizedForms.get(s);
  if (form === undefined) {
    if (normalizedForms.size >= 4096) normalizedForms.clear();
    normalizedForms.set(s, (form = computeNormalizedForm(s)));
  }
  return form;
}

const normalizedForms = new Map<string, string>();

function computeNormalizedForm(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*[-‐‑]\s*/g, '-')
    .replace(/[«“„]/g, '«')
    .replace(/[»”]/g, '»')
    .trim();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular-expression source that matches a form with the tolerances of {@link findForms}. */
function formPattern(form: string): string {
  let out = '';
  for (const ch of form) {
    if (/[\s\u00a0]/.test(ch)) { if (!out.endsWith('[\\s\\u00a0]+')) out += '[\\s\\u00a0]+'; continue; }
    if (ch === 'е' || ch === 'ё') { out += '[её]'; continue; }
    if (ch === 'Е' || ch === 'Ё') { out += '[ЕЁ]'; continue; }
    if (ch === '-' || ch === '‐' || ch === '‑') { out += '[\\u00a0 ]?[-‐‑][\\u00a0 ]?'; continue; }
    if (ch === '«' || ch === '“' || ch === '„') { out += '[«“„"]'; continue; }
    if (ch === '»' || ch === '”') { out += '[»”"]'; continue; }
    out += escapeRe(ch);
  }
  return out;
}

interface Compiled {
  readonly re: RegExp;
  /** The same pattern, sticky: tried only where a match can start (see {@link findForms}). */
  readonly sticky: RegExp;
  /**
   * The first words of all surfaces, folded (lower case, ё → е); undefined when a surface does not
   * open with a plain Latin or Cyrillic word (the word index cannot then find its starts).
   */
  readonly firstWords: readonly string[] | undefined;
  /** normalised surface → keys. */
  readonly keys: Map<string, string[]>;
}

/** A letter other than a plain one: a case-insensitive regex may equate it with a plain letter (ſ ~ s). */
const NON_PLAIN_LETTER = /[^\P{L}A-Za-zА-Яа-яЁё]/u;

/** A plain letter (A–Z, a–z, А–я, Ё, ё): the only letters the word index knows (see {@link wordIndex}). */
function isPlainLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x430 && c <= 0x44f) || (c >= 0x410 && c <= 0x42f) || (c >= 0x41 && c <= 0x5a) || c === 0x401 || c === 0x451;
}

function foldWord(w: string): string {
  return w.toLowerCase().replace(/ё/g, 'е');
}

let lastIndex: { readonly text: string; readonly words: Map<string, number[]> | undefined } | undefined;

/**
 * Start offsets of every word of `text` by folded word (lower case, ё → е), or undefined when the
 * text has a letter other than plain Latin and Cyrillic (then a case-insensitive match of a
 * surface need not be a word with the same folding). Kept for the last text seen: the role and
 * term analyses of one run look up dozens of paradigms in the same text.
 */
function wordIndex(text: string): Map<string, number[]> | undefined {
  if (lastIndex && lastIndex.text === text) return lastIndex.words;
  let words: Map<string, number[]> | undefined;
  if (!NON_PLAIN_LETTER.test(text)) {
    words = new Map();
    // Folding the whole text at once keeps offsets (no letter other than a plain one, and lower
    // casing of plain letters keeps the length); if it did not, fold word by word.
    const lower = text.toLowerCase();
    const folded = lower.length === text.length ? lower.replace(/ё/g, 'е') : undefined;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (!isPlainLetter(text.charCodeAt(i))) { i++; continue; }
      const start = i;
      while (i < n && isPlainLetter(text.charCodeAt(i))) i++;
      const w = folded ? folded.slice(start, i) : foldWord(text.slice(start, i));
      const list = words.get(w);
      if (list) list.push(start);
      else words.set(w, [start]);
    }
  }
  lastIndex = { text, words };
  return words;
}

const compiled = new WeakMap<Paradigm, Compiled>();

function compile(p: Paradigm): Compiled {
  let c = compiled.get(p);
  if (c) return c;
  const keys = new Map<string, string[]>();
  const ordered = [...FORM_KEYS.filter((k) => k in p.forms), ...Object.keys(p.forms).filter((k) => !FORM_KEYS.includes(k))];
  for (const k of ordered) {
    const norm = normalizeForm(p.forms[k]!);
    const list = keys.get(norm) ?? [];
    list.push(k);
    keys.set(norm, list);
  }
  const surfaces = [...new Set(ordered.map((k) => p.forms[k]!))].sort((a, b) => b.length - a.length);
  // Whole words: no letter or digit around; «учитель» is not found inside «учитель-предметник»,
  // but a list marker «-» glued to the word («-учитель …») does not hide it.
  const body = surfaces.map(formPattern).join('|');
  const source = `(?<![\\p{L}\\p{N}_]|\\p{L}[-‐‑])(?:${body})(?![\\p{L}\\p{N}_]|[-‐‑]\\p{L})`;
  const re = new RegExp(source, 'giu');
  const sticky = new RegExp(source, 'iuy');
  // Every match starts a word of the text equal (folded) to the first word of a surface: the
  // lookbehind puts no letter before it, and a surface's first word is followed by a non-letter.
  const firsts = surfaces.map((f) => /^[A-Za-zА-Яа-яЁё]+(?![\p{L}])/u.exec(f)?.[0]);
  const firstWords = firsts.every((f) => f !== undefined) ? [...new Set(firsts.map((f) => foldWord(f!)))] : undefined;
  c = { re, sticky, firstWords, keys };
  compiled.set(p, c);
  return c;
}

/**
 * All occurrences of any form of the paradigm in `text` (or in `[from, to)`): case-insensitive,
 * whole words, ё = е, any run of spaces, NBSP or line breaks between words.
 */
export function findForms(text: string, p: Paradigm, from = 0, to = text.length): FormMatch[] {
  const { re, sticky, firstWords, keys } = compile(p);
  const out: FormMatch[] = [];
  const index = firstWords ? wordIndex(text) : undefined;
  if (index) {
    // Try the pattern only where a word that can open a match starts (same matches as the scan below).
    let starts: number[] = [];
    for (const w of firstWords!) {
      const at = index.get(w);
      if (at) starts = starts.length === 0 ? at : [...starts, ...at];
    }
    if (starts.length === 0) return out;
    if (firstWords!.length > 1) starts = [...starts].sort((a, b) => a - b);
    let next = Math.max(0, from);
    for (const s of starts) {
      if (s < next) continue;
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (!m || m[0].length === 0) continue;
      const end = s + m[0].length;
      if (end > to) break;
      const ks = keys.get(normalizeForm(m[0])) ?? [FORM_KEYS[0]!];
      out.push({ start: s, end, form: ks[0]!, forms: ks, text: m[0] });
      next = end;
    }
    return out;
  }
  re.lastIndex = Math.max(0, from);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const end = m.index + m[0].length;
    if (end > to) break;
    const ks = keys.get(normalizeForm(m[0])) ?? [FORM_KEYS[0]!];
    out.push({ start: m.index, end, form: ks[0]!, forms: ks, text: m[0] });
  }
  return out;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function capitalize(word: string): string {
  const i = word.search(/\p{L}/u);
  return i < 0 ? word : word.slice(0, i) + word[i]!.toUpperCase() + word.slice(i + 1);
}

/**
 * The target paradigm's form for `formKey`, with the capitalisation pattern of `sample`:
 * «Куратором» → «Классным руководителем»; «КУРАТОР» → «КЛАССНЫЙ РУКОВОДИТЕЛЬ»; «Классный
 * Руководитель» (every word capitalised) → «Куратор»-style title case; otherwise as in the table.
 * When `sample` has as many words as the form, its separators (NBSP, line breaks) are kept.
 * A key the target lacks falls back to the same case in the other number, then to the lemma.
 */
export function inflectLike(target: Paradigm, formKey: string, sample: string): string {
  const [c, n] = formKey.split(',');
  const other = `${c},${n === 'sing' ? 'plur' : 'sing'}`;
  let form = target.forms[formKey] ?? target.forms[other] ?? target.lemma;
  const letters = [...sample].filter((ch) => /\p{L}/u.test(ch));
  const sampleWords = sample.split(/[\s\u00a0]+/).filter((w) => /\p{L}/u.test(w));
  if (letters.length >= 2 && letters.every((ch) => ch === ch.toUpperCase())) {
    form = form.toUpperCase();
  } else if (sampleWords.length > 1 && sampleWords.every((w) => isUpper(w.match(/\p{L}/u)?.[0] ?? ''))) {
    form = form.split(' ').map((w) => (/^[«"(]/.test(w) ? w : capitalize(w))).join(' ');
  } else if (letters.length > 0 && isUpper(letters[0]!)) {
    form = capitalize(form);
  }
  // Keep the separators of the replaced text when the word counts agree.
  const gaps = sample.match(/[\s\u00a0]+/g) ?? [];
  const formWords = form.split(' ');
  if (gaps.length > 0 && gaps.length === formWords.length - 1 && sample.trim() === sample) {
    form = formWords.map((w, i) => w + (i < gaps.length ? gaps[i] : '')).join('');
  }
  return form;
}

/** Prepositions and the cases they govern (tie-breakers between ambiguous form keys). */
const PREPOSITION_CASES: Record<string, readonly string[]> = {
  'о': ['loct', 'accs'], 'об': ['loct', 'accs'], 'обо': ['loct'], 'при': ['loct'],
  'в': ['loct', 'accs'], 'во': ['loct', 'accs'], 'на': ['loct', 'accs'],
  'от': ['gent'], 'для': ['gent'], 'у': ['gent'], 'из': ['gent'], 'без': ['gent'], 'до': ['gent'],
  'среди': ['gent'], 'кроме': ['gent'], 'около': ['gent'], 'вместо': ['gent'], 'со': ['gent', 'ablt'], 'с': ['gent', 'ablt'],
  'к': ['datv'], 'ко': ['datv'], 'по': ['datv', 'loct'], 'согласно': ['datv'],
  'про': ['accs'], 'через': ['accs'], 'за': ['accs', 'ablt'],
  'над': ['ablt'], 'под': ['ablt', 'accs'], 'перед': ['ablt'], 'между': ['ablt', 'gent'],
};
const ADJECTIVE_END = /(?:ых|их|ого|его|ому|ему|ым|им|ыми|ими|ой|ей|ую|юю|ая|яя|ое|ее|ые|ие|ий|ый)$/;

/** The preposition governing the word at `start` (skipping up to two adjectives), if any. */
function precedingPreposition(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 80), start);
  const words = before.split(/[^\p{L}]+/u).filter(Boolean);
  if (/[.;:!?)]\s*$/.test(before)) return undefined;
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const w = words[i]!.toLowerCase();
    if (w in PREPOSITION_CASES) return w;
    if (!ADJECTIVE_END.test(w)) return undefined;
  }
  return undefined;
}

/** True when only a clause opening (line start, number, bullet, sentence punctuation) precedes `start`. */
function clauseStart(text: string, start: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const before = text.slice(lineStart, start);
  return /^[\s>#*_\-–—•·⇒\d.)]*$/u.test(before) || /[.;:!?]\s*[*_]*\s*$/u.test(before);
}

/**
 * The form key to use when replacing `match` by `target`; see the module comment for the rule.
 * `hints`: form keys of a word coordinated with the match (same case and number).
 */
export function chooseFormKey(target: Paradigm, match: Pick<FormMatch, 'start' | 'forms'>, text?: string, hints?: readonly string[]): { key: string; certain: boolean } {
  const candidates = match.forms.length > 0 ? match.forms : [FORM_KEYS[0]!];
  const surfaces = new Set(candidates.map((k) => target.forms[k] ?? target.lemma));
  if (surfaces.size === 1) return { key: candidates[0]!, certain: true };
  const prep = text === undefined ? undefined : precedingPreposition(text, match.start);
  let narrowed = candidates;
  // A coordinated neighbour («куратора или учителя», «Студенты и учителя») shares the case and number.
  const agreed = hints ? candidates.filter((k) => hints.includes(k)) : [];
  if (agreed.length > 0) {
    narrowed = agreed;
  } else if (prep) {
    const governed = PREPOSITION_CASES[prep]!;
    // In the order the preposition usually governs («о» + loct before «о» + accs).
    const hit = governed.flatMap((c) => candidates.filter((k) => k.split(',')[0] === c));
    if (hit.length > 0) narrowed = hit;
  } else {
    const noLoct = candidates.filter((k) => !k.startsWith('loct'));
    if (noLoct.length > 0) narrowed = noLoct;
    // At the start of a clause or sentence the word is the subject: nominative.
    const nomn = narrowed.filter((k) => k.startsWith('nomn'));
    if (text !== undefined && nomn.length > 0 && clauseStart(text, match.start)) narrowed = nomn;
  }
  const narrowedSurfaces = new Set(narrowed.map((k) => target.forms[k] ?? target.lemma));
  return { key: narrowed[0]!, certain: narrowedSurfaces.size === 1 };
}

/** The replacement of `match` (found in `text`) by `target`: form chosen, capitalisation kept. */
export function replacementFor(text: string, match: FormMatch, target: Paradigm, hints?: readonly string[]): { text: string; certain: boolean } {
  const { key, certain } = chooseFormKey(target, match, text, hints);
  return { text: inflectLike(target, key, match.text), certain };
}
