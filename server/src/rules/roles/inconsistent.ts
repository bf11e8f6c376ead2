/**
 * roles/inconsistent
 *
 * What it checks: two words for one role in one act — «ученик» in one clause and «учащийся» in
 * another, «классный руководитель» beside «куратор» when the institution kind is unknown.
 * Decisions: umbrella legal terms (обучающийся, педагогический работник, педагог) may stand
 * beside one specific word and never count as a second word; variants count as their base
 * («куратор учебной группы» is «куратор»); positions marked `distinct` (мастер производственного
 * обучения) are not synonyms; words of the other institution kind are left to
 * roles/institution-mismatch; concepts with `check: false` (директор, администратор, родитель,
 * сотрудник, класс) are not checked.
 * Why: a reader cannot tell whether «ученик» and «учащийся» are the same persons; a legal text
 * names one thing one way (regulations.md §4).
 * Options: `institution` (`auto` | `school` | `college`, family-wide).
 * Fix: the preferred word — the one defined in the terms section, else the most used, else the
 * data's default — in the same case and number, capitalisation kept.
 */
import { coordinatedKeys, fits, paradigmOfWord, preferredWord, replacementEdit, roleAnalysis, usage } from '../../analysis/roleMentions';
import { replacementFor } from '../../morph';
import { defineRule } from '../types';

export default defineRule({
  id: 'roles/inconsistent',
  description: 'Два разных слова для одной роли в одном акте',
  defaultSeverity: 'information',
  fixable: true,
  options: { institution: 'auto' },
  check(ctx) {
    const ra = roleAnalysis(ctx);
    const kind = ra.institution.kind;
    for (const concept of ra.data.concepts) {
      if (concept.check === false) continue;
      const competing = new Set(concept.words.filter((w) => w.kind !== 'umbrella' && !w.distinct && fits(w, kind)).map((w) => w.variantOf ?? w.id));
      const used = usage(ra.mentions, concept);
      const present = [...used.keys()].filter((id) => competing.has(id));
      if (present.length < 2) continue;
      const preferred = preferredWord(concept, present, ra.mentions, kind)!;
      const target = paradigmOfWord(ra.data, preferred);
      if (!target) continue;
      const first = used.get(preferred)!.find((m) => m.defined) ?? used.get(preferred)![0]!;
      const why = first.defined ? 'определено в акте' : 'встречается чаще';
      for (const id of present) {
        if (id === preferred) continue;
        for (const m of used.get(id)!) {
          const { text: replacement, certain } = replacementFor(ctx.text, m, target, coordinatedKeys(ra.mentions, m, ctx.text));
          ctx.report({
            range: m,
            message: `Для роли «${concept.name}» в акте два слова: «${m.text}» и «${target.lemma}» (${why})`,
            related: [{ range: first, message: `«${first.text}»` }],
            fixes: [{ title: `Заменить на «${replacement}»`, edits: [replacementEdit(ctx.text, m, replacement)], preferred: certain }],
            data: { concept: concept.id, preferred },
          });
        }
      }
    }
  },
});
