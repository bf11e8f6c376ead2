/**
 * numbering/trailing-dot
 *
 * What it checks: clause and sub-clause numbers are written in one style — all with a trailing
 * dot (`1.1.`, `3.3.4.`) or all without (`1.1`, `3.3.4`). The style of the majority wins; the
 * minority is reported. Section numbers (`1.`) always carry a dot and are not compared.
 * Why: a mixed style is the trace of copy-paste and looks careless in an official act; the
 * renumbering command keeps the draft's style, so it must be one.
 * Options: none.
 * Fix: add or remove the dot (when a removed dot is glued to the text, `2.1.Текст`, a space
 * replaces it).
 */
import type { RegNode } from '../../model/types';
import { defineRule } from '../types';
import { partName } from './gap';

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export default defineRule({
  id: 'numbering/trailing-dot',
  description: 'Смешение стилей номеров: с точкой в конце и без неё',
  defaultSeverity: 'information',
  fixable: true,
  check(ctx) {
    const numbered: RegNode[] = ctx.model.nodes.filter((n) => n.number && n.kind !== 'appendix' && n.kind !== 'item' && n.number.parts.length >= 2);
    const withDot = numbered.filter((n) => n.number!.trailingDot);
    const without = numbered.filter((n) => !n.number!.trailingDot);
    if (withDot.length === 0 || without.length === 0 || withDot.length === without.length) return;
    const dotWins = withDot.length > without.length;
    const minority = dotWins ? without : withDot;
    const majorityCount = dotWins ? withDot.length : without.length;
    for (const n of minority) {
      const r = n.number!.range;
      const what = `${cap(partName(n))} ${n.number!.text}${n.number!.trailingDot ? '.' : ''}`;
      if (dotWins) {
        ctx.report({
          range: r,
          message: `${what} записан без точки в конце, а ${majorityCount} других номеров — с точкой`,
          // `1.1)`: the bracket gives way to the dot rather than sitting after it (`1.1.)`).
          fixes: [
            ctx.text[r.end] === ')'
              ? { title: 'Заменить скобку после номера точкой', edits: [{ start: r.end, end: r.end + 1, newText: '.' }] }
              : { title: 'Добавить точку после номера', edits: [{ start: r.end, end: r.end, newText: '.' }] },
          ],
        });
      } else {
        const glued = /\p{L}|[«"“(]/u.test(ctx.text[r.end] ?? '');
        ctx.report({
          range: r,
          message: `${what} записан с точкой в конце, а ${majorityCount} других номеров — без точки`,
          fixes: [{ title: 'Убрать точку после номера', edits: [{ start: r.end - 1, end: r.end, newText: glued ? ' ' : '' }] }],
        });
      }
    }
  },
});
