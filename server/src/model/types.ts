/**
 * The document model: what a lawyer reads in a draft. Editor-neutral, offset-based
 * (UTF-16 code-unit offsets into the original text, end exclusive).
 */

/** A half-open offset range `[start, end)` into the document text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** A clause number as written: `1`, `1.2`, `3.3.4`. */
export interface ClauseNumber {
  /** The number without the trailing dot, e.g. `1.2`. */
  readonly text: string;
  /** Numeric parts, e.g. `[1, 2]`. */
  readonly parts: readonly number[];
  /** Whether the number was written with a trailing dot (`1.2.` vs `1.2`). */
  readonly trailingDot: boolean;
  /** Range of the digits and dots, trailing dot included when present. */
  readonly range: OffsetRange;
}

/** Kinds of nodes in the clause tree. */
export type NodeKind = 'stamp' | 'title' | 'section' | 'clause' | 'subclause' | 'item' | 'appendix';

/** One physical line of the draft, as the model sees it. */
export interface Line {
  /** 0-based line index. */
  readonly index: number;
  /** Offset of the first character of the line. */
  readonly start: number;
  /** Offset just past the last content character (before the line break). */
  readonly end: number;
  /** Offset where the meaningful content starts (after indentation, list and heading markers, emphasis). */
  readonly contentStart: number;
  /** Offset where the meaningful content ends (before trailing emphasis markers and spaces). */
  readonly contentEnd: number;
  /** The content text (between contentStart and contentEnd). */
  readonly content: string;
  /** Markdown block the line belongs to. */
  readonly block: 'paragraph' | 'heading' | 'html' | 'code' | 'table' | 'other' | 'blank';
  /** Heading depth (1–6) when the line is an ATX/setext heading line. */
  readonly headingDepth?: number;
  /** Nesting depth of Markdown lists around the line (0 = not in a list). */
  readonly listDepth: number;
  /** The list marker when the line starts a list item: `-`, `*`, `·`, `1.` … */
  readonly listMarker?: string;
  /** Offset of the list marker when the line starts a list item (for re-indentation fixes). */
  readonly listMarkerStart?: number;
  /** Whether the content is wrapped in `**…**` / `__…__` (fully or as its first run). */
  readonly bold: boolean;
  /** True when the line is conversion debris (page header, bookmark, …). */
  readonly debris: boolean;
}

/** A recognised piece of conversion debris. */
export interface Debris {
  readonly kind: 'page-number' | 'running-header' | 'bookmark';
  readonly range: OffsetRange;
  readonly text: string;
  /** Line index of the debris. */
  readonly line: number;
}

/** A date as found in the text. */
export interface FoundDate {
  /** ISO `YYYY-MM-DD`, or undefined when parts are missing. */
  readonly iso?: string;
  readonly range: OffsetRange;
  readonly raw: string;
}

/** A node of the clause tree. */
export interface RegNode {
  readonly kind: NodeKind;
  /** Number for numbered parts (sections, clauses, sub-clauses, numbered appendix entries, appendices). */
  readonly number?: ClauseNumber;
  /** Title: the section heading, the clause's first sentence, the stamp keyword, the appendix caption. */
  readonly title: string;
  /** Range of the title text. */
  readonly titleRange: OffsetRange;
  /** Whole extent: head line through the last body line (debris inside is excluded from `text`). */
  range: OffsetRange;
  /** Range of the head line (the line that opens the node). */
  readonly headRange: OffsetRange;
  /** Line index of the head line. */
  readonly line: number;
  /** Body text (head content and continuation lines, debris excluded), lines joined with `\n`. */
  text: string;
  /** Line indices making up the node's own text (head and continuation lines, no children). */
  readonly lines: number[];
  /** Children in document order. */
  readonly children: RegNode[];
  /** Parent (undefined at top level). */
  parent?: RegNode;
  /** For items: the marker (`-`, `·`, `а)`, `1)`). */
  readonly marker?: string;
  /**
   * True when the number's prefix did not match any open parent, e.g. `2.3.1` written inside
   * section 3 — kept where the text puts it.
   */
  readonly orphan?: boolean;
  /** Stamp details. */
  readonly stamp?: Stamp;
}

/** An approval stamp: УТВЕРЖДАЮ / УТВЕРЖДЕНО / СОГЛАСОВАНО / РАССМОТРЕНО / ПРИНЯТО / УЧТЕНО МНЕНИЕ. */
export interface Stamp {
  /** Normalised keyword in capitals, e.g. `УТВЕРЖДАЮ`. */
  readonly kind: string;
  /** Who: `Директор ГАПОУ СО «СОПК»`, `Педагогическим советом`. */
  readonly body?: string;
  /** Protocol or order number as written (`1`), empty string when `№` is present but blank. */
  readonly number?: string;
  readonly date?: FoundDate;
  readonly range: OffsetRange;
}

/** The document title: `ПОЛОЖЕНИЕ об использовании …`. */
export interface Title {
  /** Normalised kind in capitals: ПОЛОЖЕНИЕ, ПОРЯДОК, ПРАВИЛА, РЕГЛАМЕНТ, ИНСТРУКЦИЯ. */
  readonly kind: string;
  /** The subject (`об использовании …`), lines joined by spaces, emphasis removed. */
  readonly subject: string;
  readonly kindRange: OffsetRange;
  readonly range: OffsetRange;
}

/** An inline suppression directive. */
export interface Directive {
  readonly kind: 'disable-next-line' | 'disable' | 'enable' | 'disable-line';
  /** Rule ids (or family prefixes); empty = all rules. */
  readonly rules: readonly string[];
  readonly line: number;
  readonly range: OffsetRange;
}

/** The complete model of one draft. */
export interface DocumentModel {
  readonly text: string;
  /** True when the text starts with a byte-order mark. */
  readonly bom: boolean;
  /** The dominant line ending of the text. */
  readonly eol: '\n' | '\r\n' | '\r';
  readonly lines: readonly Line[];
  readonly stamps: readonly RegNode[];
  readonly title?: Title;
  /** Top-level nodes in document order: stamps, title, sections, top-level clauses, appendices. */
  readonly root: readonly RegNode[];
  /** Every node in document order (pre-order). */
  readonly nodes: readonly RegNode[];
  readonly appendices: readonly RegNode[];
  readonly debris: readonly Debris[];
  readonly directives: readonly Directive[];
  /** The approval date (from the first УТВЕРЖДАЮ/УТВЕРЖДЕНО stamp with a date), ISO. */
  readonly approvalDate?: string;
  /** Offset where the body (first section or clause) starts, or text length. */
  readonly bodyStart: number;
  /** Returns the line index containing an offset. */
  lineAt(offset: number): number;
}
