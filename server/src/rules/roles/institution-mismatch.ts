/**
 * roles/institution-mismatch
 *
 * What it checks: a role word of the other kind of institution — «куратор» or «студент» in a
 * school act, «классный руководитель», «учитель(-предметник)» or «ученик» in a college act. The
 * institution kind is detected from the stamps, title and first clauses (analysis/institution.ts).
 * Not role words of the act: quoted platform roles («в роли «учитель»»), chat names
 * («Учительская»), the regional or municipal «куратор ИКОП «Сферум»».
 * Why: acts copied from a school template into a college (or back) name positions the
 * institution does not have (regulations.md §4, §7).
 * Options: `institution` (`auto` | `school` | `college`, family-wide) overrides detection.
 * Fix: the act's own word for the role — the one it defines, else the one it uses most, else the
 * data's default («Классный руководитель координирует» → «Куратор координирует»); umbrella terms
 * are candidates only in concepts marked `umbrellaFix` («учащимися» → «обучающимися» in a college
 * act that says «обучающиеся» throughout), and only when the act defines the umbrella term or uses
 * no specific word of its kind («студентов» → «учеников» in a school act that says both «ученики»
 * and «обучающиеся») — in the same
 * case and number, capitalisation kept; a preposition before it follows («с учащимися» → «со
 * студентами»). Words marked `mismatchSeverity` are reported with that severity (учащийся,
 * преподаватель: information).
 */
import { coordinatedKeys, findWord, paradigmOfWord, preferredWord, replacementEdit, roleAnalysis, usage } from '../../analysis/roleMentions';
import type { InstitutionKind } from '../../analysis/rolesData';
import { replacementFor } from '../../morph';
import { defineRule } from '../types';

const KIND_NAME: Record<InstitutionKind, string> = { school: 'школы', college: 'колледжа' };
const OTHER_NAME: Record<InstitutionKind, string> = { school: 'в колледже', college: 'в школе' };

export default defineRule({
  id: 'roles/institution-mismatch',
  description: 'Роль из словаря другого вида организации (куратор в школе, классный руководитель в колледже)',
  defaultSeverity: 'warning',
  fixable: true,
  options: { institution: 'auto' },
  check(ctx) {
    const ra = roleAnalysis(ctx);
    const kind = ra.institution.kind;
    if (kind === 'unknown') return;
    const related = ra.institution.evidence.slice(0, 1).map((r) => ({ range: r, message: `Вид организации: ${kind === 'school' ? 'школа' : 'колледж'}` }));
    for (const m of ra.mentions) {
      const { word, concept } = m;
      if (!word || !concept || concept.check === false) continue;
      if (word.kind !== 'school' && word.kind !== 'college') continue;
      if (word.kind === kind) continue;
      const candidates = concept.words
        .filter((w) => !w.variantOf && w.fixTarget !== false && (w.kind === kind || w.kind === 'both' || (concept.umbrellaFix === true && w.kind === 'umbrella')))
        .map((w) => w.id);
      // A word of one kind is replaced by the act's word of the other kind when the act uses one
      // («студентов» → «учеников» in a school act that also says «обучающиеся»); the umbrella
      // term when the act defines it or has no specific word of its kind.
      const used = usage(ra.mentions, concept);
      const isUmbrella = (id: string): boolean => findWord(ra.data, id)?.word.kind === 'umbrella';
      const umbrellaDefined = candidates.some((id) => isUmbrella(id) && (used.get(id) ?? []).some((m) => m.defined));
      const specific = candidates.filter((id) => !isUmbrella(id) && (used.get(id)?.length ?? 0) > 0);
      const targetId = preferredWord(concept, specific.length > 0 && !umbrellaDefined ? specific : candidates, ra.mentions, kind);
      const target = targetId ? paradigmOfWord(ra.data, targetId) : undefined;
      const message = `«${m.text}» — роль ${OTHER_NAME[kind]}, а акт ${KIND_NAME[kind]}`;
      if (!target || !targetId) {
        ctx.report({ range: m, message, related, severity: word.mismatchSeverity });
        continue;
      }
      const { text: replacement, certain } = replacementFor(ctx.text, m, target, coordinatedKeys(ra.mentions, m, ctx.text));
      ctx.report({
        range: m,
        message: `${message}: ожидается «${findWord(ra.data, targetId)?.word.text ?? target.lemma}»`,
        related,
        severity: word.mismatchSeverity,
        fixes: [{ title: `Заменить на «${replacement}»`, edits: [replacementEdit(ctx.text, m, replacement)], preferred: certain }],
        data: { word: word.id, target: targetId, institution: kind },
      });
    }
  },
});
