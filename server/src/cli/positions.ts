/**
 * Offsets → LSP-style positions (0-based lines, UTF-16 characters) for the CLI's reports.
 *
 * The positions are exactly those of `TextDocument.positionAt` from vscode-languageserver-textdocument
 * (what the language server reports; `test/unit/fast-paths.test.ts` compares the two): lines end
 * at `\r\n`, `\r` or `\n`, and an offset inside a line break counts as the end of its line. The
 * line starts are found with `indexOf` rather than the library's character loop: in a cold CLI
 * run over hundreds of drafts that loop was ~1 % of the time.
 *
 * A byte-order mark is not a character of the document for an editor (VS Code drops it when it
 * opens the file), so on the first line of a text with a BOM characters are counted after it:
 * the reported positions match what the editor and the language server show.
 */
import type { OffsetRange } from '../model/types';
import { upperBound } from '../util/sorted';

/** A position as in LSP: 0-based line, 0-based UTF-16 character. */
export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

/** A range as in LSP (end exclusive). */
export interface LspRange {
  readonly start: LspPosition;
  readonly end: LspPosition;
}

/** Offsets where the lines of `text` start (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

/** Converts offsets of one text. */
export class PositionMapper {
  readonly #text: string;
  readonly #bom: boolean;
  #starts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
    this.#bom = text.charCodeAt(0) === 0xfeff;
  }

  position(offset: number): LspPosition {
    const text = this.#text;
    const starts = (this.#starts ??= lineStarts(text));
    let at = Math.max(0, Math.min(offset, text.length));
    const line = upperBound(starts, at) - 1;
    const start = starts[line]!;
    // Inside or after a line break: the end of the line.
    while (at > start && (text.charCodeAt(at - 1) === 10 || text.charCodeAt(at - 1) === 13)) at--;
    const character = at - start;
    if (this.#bom && line === 0) return { line: 0, character: Math.max(0, character - 1) };
    return { line, character };
  }

  range(r: OffsetRange): LspRange {
    return { start: this.position(r.start), end: this.position(r.end) };
  }
}
