/**
 * Splits the text into physical lines and classifies each from the mdast: which block it is in,
 * how deep in lists, where its meaningful content starts. Lines, not mdast blocks, are the unit
 * of the clause tree: `1.1. …` directly under `1. Общие положения` is a lazy continuation of the
 * list item in CommonMark, yet a lawyer reads a new clause.
 */
import type { Nodes, Root } from 'mdast';
import { scanBlocks, type LineFacts } from '../syntax/blocks';
import { parseMarkdown, prepareSource } from '../syntax/parse';
import type { Line } from './types';

type Block = Line['block'];

/** Which block parser the model uses: the fast scanner (default) or remark. */
export type BlockParser = 'fast' | 'remark';

/**
 * The block parser chosen by the environment: `NORMOKONTROL_PARSER=remark` makes the model use
 * the remark tree (for debugging and the differential test); anything else the fast scanner.
 */
export function defaultBlockParser(): BlockParser {
  // Read once per process: `process.env` is a slow host lookup (about a microsecond) and
  // classifyText asks for every draft; the variable is set when the process starts.
  return (envParser ??= typeof process !== 'undefined' && process.env?.['NORMOKONTROL_PARSER'] === 'remark' ? 'remark' : 'fast');
}
let envParser: BlockParser | undefined;

/** Offsets of line starts and ends (end = before the line break). */
export function splitLines(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [0];
  const ends: number[] = [];
  if (text.indexOf('\r') < 0) {
    // LF only (the common case): `indexOf` jumps from break to break.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      ends.push(i);
      starts.push(i + 1);
    }
    ends.push(text.length);
    return { starts, ends };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      ends.push(i);
      starts.push(i + 1);
    } else if (c === 13 /* \r */) {
      ends.push(i);
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  ends.push(text.length);
  return { starts, ends };
}

/** Index of the line containing `offset` (binary search over line starts). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** {@link lineIndexAt} over the lines' own starts (no array of starts to build). */
export function lineIndexIn(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function collectFacts(tree: Root, starts: readonly number[], text: string, facts: LineFacts[]): void {
  const mark = (node: Nodes, block: Block, extra?: (f: LineFacts) => void): void => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if (s === undefined || e === undefined) return;
    const first = lineIndexAt(starts, s);
    const last = lineIndexAt(starts, Math.max(s, e - 1));
    for (let i = first; i <= last && i < facts.length; i++) {
      facts[i]!.block = block;
      extra?.(facts[i]!);
    }
  };
  // Iterative walk: deep nesting must not overflow the stack.
  const stack: Array<{ node: Nodes; listDepth: number }> = [{ node: tree, listDepth: 0 }];
  while (stack.length > 0) {
    const { node, listDepth } = stack.pop()!;
    switch (node.type) {
      case 'heading':
        mark(node, 'heading', (f) => { f.headingDepth = node.depth; });
        continue;
      case 'paragraph':
        mark(node, 'paragraph');
        continue;
      case 'html':
        mark(node, 'html');
        continue;
      case 'code': {
        // An indented "code block" in a regulation is an indented paragraph (text converted from
        // PDF/DOCX with first-line indents), not code: only fenced blocks are code.
        const s = node.position?.start.offset;
        const fenced = s !== undefined && /^[ \t]*(?:`{3,}|~{3,})/.test(text.slice(s, s + 40));
        mark(node, fenced ? 'code' : 'paragraph');
        continue;
      }
      case 'table':
        mark(node, 'table');
        continue;
      case 'thematicBreak':
      case 'definition':
        mark(node, 'other');
        continue;
      case 'listItem': {
        const s = node.position?.start.offset;
        if (s !== undefined) {
          const i = lineIndexAt(starts, s);
          const f = facts[i];
          if (f && f.listMarker === undefined) {
            const m = /^[-*+]|^\d{1,9}[.)]/.exec(text.slice(s, s + 12));
            if (m) {
              f.listMarker = m[0];
              f.listMarkerStart = s;
            }
          }
        }
        const e = node.position?.end.offset;
        if (s !== undefined && e !== undefined) {
          const first = lineIndexAt(starts, s);
          const last = lineIndexAt(starts, Math.max(s, e - 1));
          for (let i = first; i <= last && i < facts.length; i++) {
            facts[i]!.listDepth = Math.max(facts[i]!.listDepth, listDepth + 1);
          }
        }
        for (let k = node.children.length - 1; k >= 0; k--) stack.push({ node: node.children[k]!, listDepth: listDepth + 1 });
        continue;
      }
      default:
        if ('children' in node) {
          const children = node.children as Nodes[];
          for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k]!, listDepth });
        }
    }
  }
}

/** `/[\s\u00a0\u200b\ufeff]/` on one char code: JavaScript white space and the zero-width space. */
function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0x1000 && (c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Builds {@link Line}s for the whole text from the remark tree of the text. */
export function classifyLines(text: string, tree: Root): Line[] {
  const { starts, ends } = splitLines(text);
  const facts: LineFacts[] = starts.map(() => ({ block: 'blank' as Block, listDepth: 0 }));
  collectFacts(tree, starts, text, facts);
  return linesFromFacts(text, starts, ends, facts);
}

/**
 * Builds {@link Line}s without a tree: the fast block scanner (`syntax/blocks.ts`), or remark when
 * `parser` is `'remark'` or the scanner gives up (link reference definitions, tabs in container
 * indentation).
 */
export function classifyText(text: string, parser: BlockParser = defaultBlockParser()): Line[] {
  if (parser === 'fast') {
    const { starts, ends } = splitLines(text);
    const facts = scanBlocks(prepareSource(text), starts, ends, text);
    if (facts) return linesFromFacts(text, starts, ends, facts);
  }
  return classifyLines(text, parseMarkdown(text).tree);
}

function linesFromFacts(text: string, starts: readonly number[], ends: readonly number[], facts: readonly LineFacts[]): Line[] {
  // Char codes throughout: this runs over every character of the indentation and the markers of every line.
  const lines: Line[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    const f = facts[i]!;
    let p = start;
    // Indentation and blockquote markers.
    for (;;) {
      while (p < end && isWs(text.charCodeAt(p))) p++;
      if (p < end && text.charCodeAt(p) === 62 /* > */ && f.block !== 'code') { p++; continue; }
      break;
    }
    let block: Block = f.block;
    if (p >= end) block = 'blank';
    else if (block === 'blank') block = 'paragraph'; // text the tree did not cover (degenerate tree)
    if (block !== 'code' && block !== 'html') {
      // Bullet markers are not content; ordered markers are clause numbers and stay.
      const lm = f.listMarker;
      if (f.listMarkerStart !== undefined && lm !== undefined && lm.length === 1 && (lm === '-' || lm === '*' || lm === '+') && f.listMarkerStart >= p) {
        p = f.listMarkerStart + 1;
        while (p < end && isWs(text.charCodeAt(p))) p++;
      }
      if (block === 'heading' && text.charCodeAt(p) === 35 /* # */) {
        while (p < end && text.charCodeAt(p) === 35) p++;
        while (p < end && isWs(text.charCodeAt(p))) p++;
      }
    }
    let bold = false;
    if (block !== 'code' && block !== 'html') {
      for (;;) {
        // `**` / `__` (read past the line end, as the slice did); a lone `*`/`_` before a non-space, non-`*`.
        const c = text.charCodeAt(p);
        if ((c === 42 || c === 95) && text.charCodeAt(p + 1) === c) { bold = true; p += 2; continue; }
        if ((c === 42 || c === 95) && p + 1 < end && !isWs(text.charCodeAt(p + 1)) && text.charCodeAt(p + 1) !== 42) { p += 1; continue; }
        break;
      }
      while (p < end && isWs(text.charCodeAt(p))) p++;
    }
    let q = end;
    while (q > p && isWs(text.charCodeAt(q - 1))) q--;
    if (block !== 'code' && block !== 'html') {
      for (;;) {
        if (q - 2 >= p) {
          const c = text.charCodeAt(q - 1);
          if ((c === 42 || c === 95) && text.charCodeAt(q - 2) === c) { q -= 2; continue; }
        }
        if (block === 'heading' && q > p && text.charCodeAt(q - 1) === 35) { while (q > p && text.charCodeAt(q - 1) === 35) q--; continue; }
        if (q - 1 > p && text.charCodeAt(q - 1) === 92 /* \ */) { q--; continue; }
        break;
      }
      while (q > p && isWs(text.charCodeAt(q - 1))) q--;
    }
    lines.push({
      index: i,
      start,
      end,
      contentStart: p,
      contentEnd: Math.max(p, q),
      content: text.slice(p, Math.max(p, q)),
      block,
      headingDepth: f.headingDepth,
      listDepth: f.listDepth,
      listMarker: f.listMarker,
      listMarkerStart: f.listMarkerStart,
      bold,
      debris: false,
    });
  }
  return lines;
}
