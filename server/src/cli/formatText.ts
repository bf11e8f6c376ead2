/**
 * The compiler-style text format: one line per diagnostic on stdout,
 * `path:line:column severity rule message` (1-based line and UTF-16 column).
 */
import type { JsonFile } from './report';

/** Lines for stdout (each ends with `\n`). */
export function formatText(files: readonly JsonFile[]): string {
  let out = '';
  for (const f of files) {
    for (const d of f.diagnostics) {
      out += `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule} ${oneLine(d.message)}\n`;
    }
  }
  return out;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}
