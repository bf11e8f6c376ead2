/**
 * The legal parser's patterns in two flavours. A pattern with `\p{L}` and flags `iu` costs about
 * 1–10 ms to compile per process, and the CLI is a cold run; but in a {@link plainText} (its only
 * letters and numbers are A–Z, a–z, А–я, Ё, ё, 0–9; no astral character) the same pattern without
 * `u`, its `\p{…}` classes spelled out, finds exactly the same matches and compiles many times
 * faster. With `i` and no `u`, V8 folds case by `toUpperCase`: a plain letter then matches only its
 * two cases plus letters that are not plain (absent from the text), as under `iu`; `\p{Lu}` under
 * `iu` matches every cased letter, as `[A-ZА-ЯЁ]` under `i` does for plain ones. Property-tested
 * in `test/unit/fast-paths.test.ts`.
 */
const SETS: Record<string, string> = { L: 'A-Za-zА-яЁё', Lu: 'A-ZА-ЯЁ', N: '0-9' };
const PROPERTY = /^\\p\{(L|Lu|N)\}/;

/**
 * `source` (written for the `u` flag) for a plain text without it: `\p{L}`, `\p{Lu}`, `\p{N}` as
 * classes of plain letters and digits. Throws on any other `\p`/`\P` or `\u{…}` (our sources use none).
 */
export function plainPattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const m = PROPERTY.exec(source.slice(i, i + 7));
      if (m) {
        const set = SETS[m[1]!]!;
        out += inClass ? set : `[${set}]`;
        i += m[0].length - 1;
        continue;
      }
      const n = source[i + 1];
      if (n === 'p' || n === 'P' || (n === 'u' && source[i + 2] === '{')) throw new Error(`plainPattern: unsupported escape in ${source}`);
      out += ch + (n ?? '');
      i++;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch;
  }
  return out;
}

/** A pattern compiled on first use, in the flavour asked for (plain text or any text). */
export class DualRe {
  private any?: RegExp;
  private plain?: RegExp;
  constructor(
    readonly source: string,
    readonly flags: string,
  ) {}

  get(plain: boolean): RegExp {
    if (plain) return (this.plain ??= new RegExp(plainPattern(this.source), this.flags.replace('u', '')));
    return (this.any ??= new RegExp(this.source, this.flags));
  }
}
