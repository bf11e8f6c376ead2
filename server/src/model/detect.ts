/**
 * Is this Markdown file a regulation? A title word (ПОЛОЖЕНИЕ / ПОРЯДОК / ПРАВИЛА / РЕГЛАМЕНТ /
 * ИНСТРУКЦИЯ) near the top plus numbered clauses. Cheap: reads only the first 64 KB.
 */
const TITLE_RE = /^[\s>#*_«"]*(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|РЕГЛАМЕНТ|ИНСТРУКЦИЯ|Положение|Порядок|Правила|Регламент|Инструкция)(?![\p{L}])/mu;
const CLAUSE_RE = /^[\s>*_\-–—•·]*\d{1,2}\.\d{1,2}\.?(?:\d{1,2}\.?)*\s*\S/gmu;

/** True when `text` reads as a local regulation. */
export function looksLikeRegulation(text: string): boolean {
  const head = text.slice(0, 65536);
  const titleMatch = TITLE_RE.exec(head);
  if (!titleMatch) return false;
  // The title must stand in the first 80 lines.
  const before = head.slice(0, titleMatch.index);
  if ((before.match(/\n/g) ?? []).length > 80) return false;
  const clauses = head.match(CLAUSE_RE) ?? [];
  return clauses.length >= 2;
}
