/**
 * Heading text without its Markdown decoration and numbering, for comparing headings with the
 * section patterns of the knowledge: no emphasis marks, no leading quotes or dashes, no number
 * written into the title (`I.`, `1.`, `Раздел 2.`, `Глава III`), ё → е, single spaces.
 */
export function stripHeadingDecor(s: string): string {
  return s
    .replace(/\*\*|__|[*_`]/g, '')
    .replace(/^[\s«"“„'(\[\-–—.:]+/u, '')
    .replace(/^(?:(?:раздел|глава|часть)\s+)?(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.?(?=\s|$)\s*/iu, '')
    .replace(/[ёЁ]/g, (c) => (c === 'ё' ? 'е' : 'Е'))
    .replace(/\s+/g, ' ')
    .trim();
}
