/**
 * Markdown parsing: unified + remark-parse → mdast. Never throws.
 *
 * Architecture Invariant: parsing never fails. Whatever the input (empty, binary, 5 MB, deeply
 * nested), callers get a tree; failures are returned as `problems`, and the clause tree is built
 * from lines so that a degenerate tree still yields a model.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const processor = unified().use(remarkParse);

/** Result of {@link parseMarkdown}. */
export interface ParseResult {
  readonly tree: Root;
  /** Human-readable descriptions of what went wrong (empty when all went well). */
  readonly problems: readonly string[];
}

/**
 * Parses Markdown. Offsets in the tree are offsets into `text`: a leading BOM is replaced by a
 * space of the same length before parsing, so positions stay aligned with the original.
 */
export function parseMarkdown(text: string): ParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  try {
    return { tree: processor.parse(source) as Root, problems: [] };
  } catch (error) {
    return {
      tree: { type: 'root', children: [] },
      problems: [`Разбор Markdown не удался: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}
