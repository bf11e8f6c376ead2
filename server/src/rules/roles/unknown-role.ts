/**
 * roles/unknown-role
 *
 * What it checks: a role that does not exist, in any case and number — «классного директора»,
 * «классным куратором», «мастер производственного образования» (the `nonexistent` list of the
 * roles data).
 * Why: an act that assigns duties to a position nobody holds cannot be applied; these are
 * slips of templates and conversions (regulations.md §4).
 * Options: `institution` (`auto` | `school` | `college`, family-wide) — the institution kind when
 * detection should be overridden.
 * Fix: the correct role for the act's institution kind, in the same case and number, with the
 * capitalisation of the replaced text («Классного директора» → «Классного руководителя»).
 */
import { coordinatedKeys, findWord, paradigmOfWord, replacementEdit, roleAnalysis } from '../../analysis/roleMentions';
import { replacementFor } from '../../morph';
import { defineRule } from '../types';

export default defineRule({
  id: 'roles/unknown-role',
  description: 'Роль, которой не существует (классный директор)',
  defaultSeverity: 'warning',
  fixable: true,
  options: { institution: 'auto' },
  check(ctx) {
    const ra = roleAnalysis(ctx);
    const kind = ra.institution.kind;
    for (const m of ra.mentions) {
      const bad = m.nonexistent;
      if (!bad) continue;
      const correction = typeof bad.correction === 'string' ? bad.correction : bad.correction[kind] ?? bad.correction.unknown;
      const target = correction ? paradigmOfWord(ra.data, correction) : undefined;
      if (!target || !correction) {
        ctx.report({ range: m, message: `Роли «${m.text}» не существует` });
        continue;
      }
      const { text: replacement, certain } = replacementFor(ctx.text, m, target, coordinatedKeys(ra.mentions, m, ctx.text));
      const name = findWord(ra.data, correction)?.word.text ?? target.lemma;
      ctx.report({
        range: m,
        message: `Роли «${m.text}» не существует, ожидается «${name}»`,
        fixes: [{ title: `Заменить на «${replacement}»`, edits: [replacementEdit(ctx.text, m, replacement)], preferred: certain }],
        data: { nonexistent: bad.id, correction },
      });
    }
  },
});
