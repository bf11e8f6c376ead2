/**
 * structure/final-last
 *
 * What it checks: the section the profile marks `last` («Заключительные положения») is the last
 * section of the act's body — only appendices may follow it.
 * Why: final provisions (entry into force, amendments, what governs unsettled questions) close
 * the act by convention of legal drafting; a section after them reads as added later and is easy
 * to miss when the act is amended.
 * Options: none.
 * Fix: none (moving a section renumbers the act: an authoring command).
 */
import { defineRule } from '../types';
import { bodySections, findSection, matchesAny, normalizeHeading } from './required-sections';

export default defineRule({
  id: 'structure/final-last',
  description: 'Раздел «Заключительные положения» не последний перед приложениями',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const profile = ctx.knowledge.structure;
    const sections = bodySections(ctx.model);
    for (const spec of profile?.sections ?? []) {
      if (!spec.last) continue;
      const final = findSection(ctx.model, spec);
      if (!final || final.kind !== 'section') continue;
      const known = (title: string): boolean => (profile?.sections ?? []).some((s) => matchesAny(s.patterns, normalizeHeading(title)));
      // Sections after it: numbered ones, or unnumbered headings the profile knows (not «Лист ознакомления»).
      const after = sections.filter((s) => s.headRange.start > final.headRange.start && s.parent === final.parent && (s.number !== undefined || known(s.title)));
      const next = after[0];
      if (!next) continue;
      const nextName = `${next.number ? `${next.number.text} ` : ''}«${next.title}»`;
      ctx.report({
        range: final.number?.range ?? final.titleRange,
        message: `Раздел «${spec.name}» должен быть последним, а после него идёт раздел ${nextName}`,
        related: after.map((s) => ({ range: s.headRange, message: `Раздел после заключительных положений: ${s.title}` })),
      });
    }
  },
});
