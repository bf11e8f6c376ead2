/** Reading the structure of regular-expression sources (data patterns, section patterns). */

/**
 * The group structure of a regular expression source (escapes and character classes skipped):
 * `balanced` when every `(` closes inside it and no `)` closes a group it did not open;
 * `topLevelBar` when a `|` stands outside every group (the source is an alternation).
 */
export function sourceShape(source: string): { readonly balanced: boolean; readonly topLevelBar: boolean } {
  let depth = 0;
  let balanced = true;
  let topLevelBar = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) balanced = false;
    else if (c === '|' && depth === 0) topLevelBar = true;
  }
  return { balanced: balanced && depth === 0, topLevelBar };
}
