/**
 * structure/debris
 *
 * What it checks: conversion debris left by DOCX/PDF → Markdown: Word bookmarks
 * (`[bookmark: _GoBack]`), page numbers (`страница 2 из 5`, `- 3 -`), running page headers
 * repeated on every page (the institution's name).
 * Why: debris is printed with the act, splits sentences and clauses in two and confuses every
 * reader and tool downstream (numbering, cross-references).
 * Options: none.
 * Fix: delete exactly the debris text; when the line holds nothing else, delete the whole line
 * with its line break.
 */
import type { Debris, DocumentModel } from '../../model/types';
import type { OffsetEdit } from '../types';
import { defineRule } from '../types';

const KIND_NAMES: Record<Debris['kind'], string> = {
  bookmark: 'закладка Word',
  'page-number': 'номер страницы',
  'running-header': 'колонтитул',
};

/** The edit removing one piece of debris. */
export function debrisEdit(model: DocumentModel, d: Debris): OffsetEdit {
  const line = model.lines[d.line]!;
  const before = model.text.slice(line.start, d.range.start);
  const after = model.text.slice(d.range.end, line.end);
  const onlyDebris = /^[\s>*_]*$/u.test(before) && /^[\s*_]*$/u.test(after);
  if (!onlyDebris) {
    // Keep the words apart: `слово[bookmark: x]слово` → one space.
    const needsSpace = /\S$/u.test(before) && /^\S/u.test(after) && !/^[\s]/u.test(after);
    return { start: d.range.start, end: d.range.end, newText: needsSpace && !/^[.,;:!?»)]/u.test(after) ? ' ' : '' };
  }
  const next = model.lines[d.line + 1];
  if (next) return { start: line.start, end: next.start, newText: '' };
  const prev = model.lines[d.line - 1];
  return prev ? { start: prev.end, end: line.end, newText: '' } : { start: line.start, end: line.end, newText: '' };
}

export default defineRule({
  id: 'structure/debris',
  description: 'Остатки конвертации: закладки Word, номера страниц, колонтитулы',
  defaultSeverity: 'information',
  fixable: true,
  check(ctx) {
    for (const d of ctx.model.debris) {
      ctx.report({
        range: d.range,
        message: `Остаток конвертации (${KIND_NAMES[d.kind]}): «${d.text.length > 60 ? d.text.slice(0, 60) + '…' : d.text}»`,
        fixes: [{ title: 'Удалить остаток конвертации', edits: [debrisEdit(ctx.model, d)] }],
      });
    }
  },
});
