#!/usr/bin/env node
/**
 * Generates `server/data/forms.json` from `server/data/phrases.json`: every case × number form of
 * each phrase, built and then checked with the `az` morphology library (OpenCorpora dictionaries,
 * offline). The runtime never loads `az` (its dictionaries are ~11 MB); it reads the generated,
 * committed forms.json.
 *
 * Usage:
 *   node scripts/generate-forms.mjs                       # server/data/phrases.json → server/data/forms.json
 *   node scripts/generate-forms.mjs --phrases my.json --out my-forms.json   # e.g. for a workspace's own phrases
 *   node scripts/generate-forms.mjs --check               # exit 1 when forms.json is out of date
 *
 * Grammar of a phrase (see the `$comment` of phrases.json):
 * - the head is the first word that az knows as a noun in the nominative (or `head` given
 *   explicitly; when no word is a noun, the last word is a substantivised adjective or participle:
 *   «учащийся» → «учащегося», animate, masculine unless `gender` says otherwise);
 * - adjectives and participles before the head agree with it in case, number, gender (singular)
 *   and animacy (accusative);
 * - words after the head stay as written (a genitive complement: «мастер производственного обучения»);
 * - «…» and "…" quoted parts and words in Latin letters stay as written;
 * - a part in parentheses is an apposition and is inflected like a phrase of its own into the same
 *   case and number («родитель (законный представитель)» → «родителям (законным представителям)»);
 * - in a hyphenated head every noun part is inflected («учитель-предметник» → «учителями-предметниками»).
 * Generated forms use «е» for «ё» unless the phrase itself is written with «ё».
 * When the dictionary has two forms for one slot (учители / учителя), `prefer` names the one to use.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'];
export const NUMBERS = ['sing', 'plur'];
/** Grammemes of non-standard variant forms that are never generated (учебною, Arch, typos …). */
const VARIANT = ['V-oy', 'V-ey', 'V-ie', 'V-bi', 'V-sh', 'V-be', 'V-en', 'V-ej', 'Arch', 'Infr', 'Erro', 'Dist', 'Slng'];

/** Loads az and its dictionaries (Node callback API `Az.Morph.init(path, cb)`). */
export async function loadAz() {
  const Az = require('az');
  const dicts = path.join(path.dirname(require.resolve('az/package.json')), 'dicts');
  await new Promise((resolve, reject) => Az.Morph.init(dicts, (err) => (err ? reject(err) : resolve())));
  return Az;
}

const WORD_RE = /[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*/y;

/** Splits a phrase into segments: word | fixed | group (parenthesised apposition). */
function segment(text) {
  const out = [];
  let i = 0;
  const pushFixed = (s) => {
    const last = out[out.length - 1];
    if (last && last.type === 'fixed') last.text += s;
    else out.push({ type: 'fixed', text: s });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '«' || c === '"' || c === '“' || c === '„') {
      const close = c === '«' ? '»' : c === '"' ? '"' : '”';
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === c && (c === '«' || j === i)) depth++;
        else if (text[j] === close) { depth--; if (depth === 0) break; }
      }
      pushFixed(text.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')') { depth--; if (depth === 0) break; }
      }
      out.push({ type: 'group', text: text.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    WORD_RE.lastIndex = i;
    const m = WORD_RE.exec(text);
    if (m) {
      out.push({ type: 'word', text: m[0] });
      i += m[0].length;
      continue;
    }
    pushFixed(c);
    i++;
  }
  return out;
}

function hasAll(tag, grammemes) {
  return grammemes.every((g) => tag[g]) && !VARIANT.some((g) => tag[g]);
}

/** All forms of a dictionary parse's paradigm. */
function formsOf(parse) {
  const out = [];
  if (typeof parse.formCnt !== 'number') return out;
  for (let k = 0; k < parse.formCnt; k++) out.push(parse.inflect(k));
  return out;
}

/**
 * The form of a paradigm with the grammemes. When the dictionary has several (учители / учителя),
 * the first one listed in `prefer` wins, else the dictionary's first.
 */
function firstForm(parse, grammemes, prefer = []) {
  const all = formsOf(parse).filter((f) => hasAll(f.tag, grammemes));
  return all.find((f) => prefer.includes(f.word)) ?? all[0];
}

function dictionaryParses(Az, word) {
  return Az.Morph(word.toLowerCase()).filter((p) => typeof p.formCnt === 'number' && p.word === word.toLowerCase());
}

function nounParse(Az, word) {
  return dictionaryParses(Az, word).find((p) => p.tag.NOUN && p.tag.nomn);
}

function adjParse(Az, word) {
  return dictionaryParses(Az, word).find((p) => (p.tag.ADJF || p.tag.PRTF) && p.tag.nomn);
}

function restoreCase(sample, word) {
  if (sample.length > 1 && sample === sample.toUpperCase()) return word.toUpperCase();
  if (sample[0] !== sample[0].toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

function dropYo(original, word) {
  return /[ёЁ]/.test(original) ? word : word.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

class PhraseError extends Error {}

/**
 * Compiles a phrase into a function (case, number) → { text, tag } (tag: the head's tag, for
 * agreement of an outer phrase), or throws PhraseError.
 */
function compile(Az, text, options = {}) {
  const segs = segment(text);
  const words = segs.map((s, i) => ({ s, i })).filter((x) => x.s.type === 'word');
  if (words.length === 0) throw new PhraseError(`нет русских слов в «${text}»`);
  let headIdx;
  if (options.head) {
    const found = words.find((w) => w.s.text.toLowerCase() === options.head.toLowerCase());
    if (!found) throw new PhraseError(`главное слово «${options.head}» не найдено в «${text}»`);
    headIdx = found.i;
  } else {
    const noun = words.find((w) => w.s.text.split('-').some((part) => nounParse(Az, part)));
    headIdx = noun ? noun.i : words[words.length - 1].i;
  }
  const headSeg = segs[headIdx];
  const headParts = headSeg.text.split('-').map((part) => ({ part, noun: nounParse(Az, part) }));
  const substantive = !headParts.some((p) => p.noun);
  let substAdj;
  if (substantive) {
    substAdj = adjParse(Az, headSeg.text);
    if (!substAdj) throw new PhraseError(`«${headSeg.text}» — ни существительное, ни прилагательное для az`);
  }
  const gender = options.gender ?? 'masc';

  /** Inflects the head; returns { text, tag } or undefined when the form does not exist. */
  const inflectHead = (c, n) => {
    if (substantive) {
      const need = n === 'sing' ? [gender, c, n] : [c, n];
      const f = (c === 'accs' ? firstForm(substAdj, [...need, 'anim']) : undefined) ?? firstForm(substAdj, need);
      if (!f) return undefined;
      return { text: restoreCase(headSeg.text, dropYo(headSeg.text, f.word)), tag: { GNdr: gender, anim: true, inan: false } };
    }
    let tag;
    const parts = [];
    for (const { part, noun } of headParts) {
      if (!noun) { parts.push(part); continue; }
      const f = firstForm(noun, [c, n], options.prefer);
      if (!f) return undefined;
      tag ??= f.tag;
      parts.push(restoreCase(part, dropYo(part, f.word)));
    }
    return { text: parts.join('-'), tag: { GNdr: tag.GNdr ?? (tag.femn ? 'femn' : tag.neut ? 'neut' : 'masc'), anim: !!tag.anim, inan: !!tag.inan } };
  };

  const modifiers = new Map();
  for (const w of words) {
    if (w.i >= headIdx) break;
    // «информационно-коммуникационная»: only the last part of a compound adjective inflects.
    const cut = w.s.text.lastIndexOf('-');
    const whole = adjParse(Az, w.s.text);
    const last = whole || cut < 0 ? undefined : adjParse(Az, w.s.text.slice(cut + 1));
    if (!whole && !last) throw new PhraseError(`«${w.s.text}» перед главным словом «${headSeg.text}» не прилагательное и не причастие (укажите head)`);
    modifiers.set(w.i, whole ? { prefix: '', word: w.s.text, parse: whole } : { prefix: w.s.text.slice(0, cut + 1), word: w.s.text.slice(cut + 1), parse: last });
  }
  const groups = new Map();
  for (let i = 0; i < segs.length; i++) {
    if (segs[i].type === 'group' && i > headIdx) groups.set(i, compile(Az, segs[i].text));
  }

  return (c, n) => {
    const head = inflectHead(c, n);
    if (!head) return undefined;
    let out = '';
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i];
      if (i === headIdx) { out += head.text; continue; }
      if (modifiers.has(i)) {
        const base = n === 'sing' ? [head.tag.GNdr, c, n] : [c, n];
        const anim = head.tag.anim ? 'anim' : 'inan';
        const m = modifiers.get(i);
        const f = (c === 'accs' ? firstForm(m.parse, [...base, anim]) : undefined) ?? firstForm(m.parse, base);
        if (!f) return undefined;
        out += m.prefix + restoreCase(m.word, dropYo(m.word, f.word));
        continue;
      }
      if (groups.has(i)) {
        const g = groups.get(i)(c, n);
        if (!g) return undefined;
        out += `(${g.text})`;
        continue;
      }
      out += s.type === 'group' ? `(${s.text})` : s.text;
    }
    return { text: out, tag: head.tag };
  };
}

/** Words of a form as az should see them: quoted parts and parentheses removed, hyphens split. */
export function formWords(form) {
  return form
    .replace(/«[^»]*»|"[^"]*"/g, ' ')
    .replace(/[()]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => /^[А-Яа-яЁё]+$/.test(w));
}

/**
 * Checks a paradigm with az: in every form, each word that changes across the paradigm must be
 * parsed by az as the form's case and number. Returns a list of problems (empty when fine).
 */
export function verifyParadigm(Az, id, forms) {
  const problems = [];
  const keys = Object.keys(forms);
  const split = Object.fromEntries(keys.map((k) => [k, formWords(forms[k])]));
  const width = split[keys[0]].length;
  for (const k of keys) {
    if (split[k].length !== width) problems.push(`${id}: ${k} «${forms[k]}» — другое число слов`);
  }
  for (let w = 0; w < width; w++) {
    const variants = new Set(keys.map((k) => split[k][w]?.toLowerCase()));
    if (variants.size === 1) continue; // a fixed word (complement, quoted name)
    for (const k of keys) {
      const [c, n] = k.split(',');
      const word = split[k][w];
      const ok = Az.Morph(word.toLowerCase()).some((p) => p.tag[c] && p.tag[n]) ||
        // «учащиеся»: plural forms of adjectives carry no gender; nouns of common gender …
        Az.Morph(word.toLowerCase().replace(/е/g, 'ё')).some((p) => p.tag[c] && p.tag[n]);
      if (!ok) problems.push(`${id}: ${k} «${forms[k]}» — az не разбирает «${word}» как ${c},${n}`);
    }
  }
  return problems;
}

/** Builds the forms.json object for a phrases.json object. */
export function generate(Az, phrasesData) {
  const out = {};
  const problems = [];
  const seen = new Set();
  for (const phrase of phrasesData.phrases ?? []) {
    if (seen.has(phrase.id)) { problems.push(`${phrase.id}: повторяющийся id`); continue; }
    seen.add(phrase.id);
    let build;
    try {
      build = compile(Az, phrase.text, phrase);
    } catch (e) {
      if (e instanceof PhraseError) { problems.push(`${phrase.id}: ${e.message}`); continue; }
      throw e;
    }
    const forms = {};
    for (const n of phrase.numbers ?? NUMBERS) {
      for (const c of CASES) {
        const f = build(c, n);
        if (f) forms[`${c},${n}`] = f.text;
      }
    }
    if (!forms['nomn,sing'] && !forms['nomn,plur']) { problems.push(`${phrase.id}: не удалось построить формы «${phrase.text}»`); continue; }
    problems.push(...verifyParadigm(Az, phrase.id, forms));
    out[phrase.id] = { lemma: phrase.text, forms };
  }
  return { forms: out, problems };
}

function serialize(forms, source) {
  return JSON.stringify({
    $comment: `СГЕНЕРИРОВАНО scripts/generate-forms.mjs из ${source} с помощью az (OpenCorpora); не править руками — измените ${source} и выполните npm run generate:forms.`,
    ...forms,
  }, null, 2) + '\n';
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : dflt;
  };
  const phrasesFile = opt('--phrases', path.join(ROOT, 'server/data/phrases.json'));
  const outFile = opt('--out', path.join(ROOT, 'server/data/forms.json'));
  const Az = await loadAz();
  const data = JSON.parse(fs.readFileSync(phrasesFile, 'utf8'));
  const { forms, problems } = generate(Az, data);
  if (problems.length > 0) {
    for (const p of problems) console.error(`generate-forms: ${p}`);
    process.exit(1);
  }
  const source = path.relative(ROOT, phrasesFile).split(path.sep).join('/');
  const text = serialize(forms, source);
  if (args.includes('--check')) {
    const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
    if (current !== text) {
      console.error(`generate-forms: ${path.relative(ROOT, outFile)} устарел — выполните npm run generate:forms`);
      process.exit(1);
    }
    console.log(`generate-forms: ${Object.keys(forms).length} словосочетаний, файл актуален`);
    return;
  }
  fs.writeFileSync(outFile, text);
  console.log(`generate-forms: ${Object.keys(forms).length} словосочетаний → ${path.relative(ROOT, outFile)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
