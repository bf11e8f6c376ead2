/**
 * terms/migration
 *
 * What it checks: an act only about VK Мессенджер («учебный профиль VK Мессенджера», no mention
 * of MAX outside history), checked for a date after 31.08.2025 (the check date: today or the
 * `asOf` setting). Checked for an earlier date, the act was right and nothing is reported.
 * Why: since 18–19.08.2025 ИКОП «Сферум» lives in the national messenger MAX, and the educational
 * chats of VK Мессенджер are closed region by region; a VK-era act is outdated, not wrong — so
 * this is a suggestion (information) on the title, not a mix-up.
 * Options: none (dates are data: `terms.json` → `eraStart`, `migrationAfter`).
 * Fix: a quick fix, not applied by «исправить всё» because it rewrites the whole act: every
 * mention of VK Мессенджер → MAX, every «учебный профиль» → «образовательное пространство
 * «Сферум»» in the same case and number («в учебном профиле VK Мессенджера» → «в образовательном
 * пространстве «Сферум» в MAX»), forms from `server/data/forms.json` (generated with az).
 */
import { platformFacts, platformMentions } from '../../analysis/platform';
import { termsData } from '../../analysis/termsData';
import { findForms, literalParadigm, paradigm, replacementFor } from '../../morph';
import type { OffsetEdit } from '../types';
import { defineRule } from '../types';

/** Masculine words that agree with «профиль» and their neuter forms (for «пространство»). */
const NEUTER: Readonly<Record<string, string>> = {
  свой: 'свое', мой: 'мое', твой: 'твое', наш: 'наше', ваш: 'ваше', этот: 'это', тот: 'то', весь: 'все', один: 'одно', каждый: 'каждое', такой: 'такое',
};

export default defineRule({
  id: 'terms/migration',
  description: 'Акт о VK Мессенджере после перехода ИКОП «Сферум» в MAX',
  defaultSeverity: 'information',
  fixable: true,
  check(ctx) {
    const data = termsData(ctx.knowledge);
    if (!(ctx.asOf > data.migrationAfter)) return;
    const facts = platformFacts(ctx);
    if (facts.platform !== 'vk' || facts.maxMentions.length > 0) return;
    const vk = platformMentions(ctx).filter((m) => m.platform === 'vk' && !m.historical);
    if (vk.length === 0) return;

    const profile = paradigm('terms.study-profile') ?? literalParadigm('terms.study-profile', 'учебный профиль');
    const space = paradigm('terms.sferum-space') ?? literalParadigm('terms.sferum-space', data.canonical.maxSpace);
    const MAX = data.canonical.max;
    const edits: OffsetEdit[] = [];
    const used = new Set<number>();
    for (const p of findForms(ctx.text, profile)) {
      const { text: replacement } = replacementFor(ctx.text, p, space);
      edits.push({ start: p.start, end: p.end, newText: replacement });
      // The neuter noun changes the agreement of a masculine word before it in the nominative or
      // accusative singular: «свой учебный профиль» → «свое образовательное пространство».
      if (/^образовательное/iu.test(replacement)) {
        const prev = /(\p{L}+)([ \u00a0])$/u.exec(ctx.text.slice(Math.max(0, p.start - 30), p.start));
        const neuter = prev ? NEUTER[prev[1]!.toLowerCase()] ?? (/(?:ый|ий|ой)$/u.test(prev[1]!) && prev[1]!.length > 3 ? prev[1]!.replace(/(?:ый|ой)$/u, 'ое').replace(/ий$/u, 'ее') : undefined) : undefined;
        if (prev && neuter) {
          const start = p.start - prev[0].length;
          edits.push({ start, end: start + prev[1]!.length, newText: prev[1]![0] === prev[1]![0]!.toUpperCase() ? neuter[0]!.toUpperCase() + neuter.slice(1) : neuter });
        }
      }
      // «учебный профиль VK Мессенджера» → «… «Сферум» в MAX»; «… профиле в VK Мессенджере» → «… в MAX».
      const gap = /^([\s\u00a0]+)(в[\s\u00a0]+)?/u.exec(ctx.text.slice(p.end, p.end + 6));
      const next = gap ? vk.find((m) => m.start === p.end + gap[0].length) : undefined;
      if (next && gap) {
        used.add(next.start);
        edits.push({ start: next.start, end: next.end, newText: gap[2] ? MAX : `в ${MAX}` });
      }
    }
    for (const m of vk) {
      if (!used.has(m.start)) edits.push({ start: m.start, end: m.end, newText: MAX });
    }
    edits.sort((a, b) => a.start - b.start);
    const clean = edits.filter((e, i) => i === 0 || e.start >= edits[i - 1]!.end);

    const title = ctx.model.title?.range ?? { start: vk[0]!.start, end: vk[0]!.end };
    ctx.report({
      range: title,
      message: `Акт написан для VK Мессенджера, а с августа 2025 года ИКОП «Сферум» работает в национальном мессенджере ${MAX}: акт стоит обновить`,
      fixes: [{ title: `Перевести акт на ${MAX} (замен: ${clean.length})`, edits: clean, preferred: false }],
      data: { mentions: vk.length },
    });
  },
});
