/**
 * Offsets → LSP-style positions (0-based lines, UTF-16 characters) for the CLI's reports.
 * Uses `TextDocument` from vscode-languageserver-textdocument (a plain data structure, no transport).
 *
 * A byte-order mark is not a character of the document for an editor (VS Code drops it when it
 * opens the file), so on the first line of a text with a BOM characters are counted after it:
 * the reported positions match what the editor and the language server show.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { OffsetRange } from '../model/types';

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

/** Converts offsets of one text. */
export class PositionMapper {
  readonly #doc: TextDocument;
  readonly #bom: boolean;

  constructor(text: string) {
    this.#doc = TextDocument.create('file:///document.md', 'markdown', 0, text);
    this.#bom = text.charCodeAt(0) === 0xfeff;
  }

  position(offset: number): LspPosition {
    const p = this.#doc.positionAt(offset);
    if (this.#bom && p.line === 0) return { line: 0, character: Math.max(0, p.character - 1) };
    return { line: p.line, character: p.character };
  }

  range(r: OffsetRange): LspRange {
    return { start: this.position(r.start), end: this.position(r.end) };
  }
}
