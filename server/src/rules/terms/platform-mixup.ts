/**
 * terms/platform-mixup
 *
 * What it checks: an act about MAX (decided from its title, definitions, cited acts and approval
 * date — see `analysis/platform.ts`) that elsewhere speaks of VK Мессенджер («в VK-мессенджере»,
 * «учебный профиль VK»), or an act about VK Мессенджер that speaks of MAX. A mention in a
 * historical sentence («использовавшие … в VK мессенджере до перехода в национальный мессенджер
 * MAX», «ранее», «перенос … из») is correct text and is not reported.
 * Why: since 18.08.2025 ИКОП «Сферум» lives in MAX; a MAX act that instructs users in VK Мессенджер
 * (a copied template) sends them to a service whose educational chats are being closed.
 * Severity: warning; error when the mention is an instruction — inside a section on the
 * organisation of work, rights or obligations (not in definitions or the normative basis).
 * Options: none.
 * Fix: replace the mention by the act's platform: «в VK-мессенджере» → «в MAX», «учебного профиля
 * VK-мессенджер» → «учебного профиля MAX» (MAX does not decline, so every case form is right).
 * In a VK act: «в MAX», «в национальном мессенджере» → «в VK Мессенджере» (the case of
 * «мессенджер» is kept); other forms get no automatic fix.
 */
import { definitionNodes, mixupMentions, nodeAt, platformFacts, type PlatformMention } from '../../analysis/platform';
import { termsData } from '../../analysis/termsData';
import type { DocumentModel, RegNode } from '../../model/types';
import { defineRule, type Fix } from '../types';

const INSTRUCTION_SECTION = /организац|прав|обязан|ответствен|порядок|действи|работ/iu;

function topSection(node: RegNode | undefined): RegNode | undefined {
  let n = node;
  while (n?.parent) n = n.parent;
  return n?.kind === 'section' ? n : undefined;
}

function isInstruction(model: DocumentModel, offset: number, defs: Set<RegNode>): boolean {
  const node = nodeAt(model, offset);
  if (!node || defs.has(node)) return false;
  const section = topSection(node);
  return !!section && section.number?.parts[0] !== 1 && INSTRUCTION_SECTION.test(section.title);
}

function fixFor(m: PlatformMention, text: string, maxName: string, vkName: string): Fix | undefined {
  if (m.platform === 'vk') return { title: `Заменить на «${maxName}»`, edits: [{ start: m.start, end: m.end, newText: maxName }] };
  // MAX in a VK act: only the prepositional «в/на …» form has an unambiguous case.
  if (m.kind === 'max-national') {
    const ending = /мессенджер(\p{L}*)$/iu.exec(m.text)?.[1] ?? '';
    return { title: `Заменить на «${vkName}${ending}»`, edits: [{ start: m.start, end: m.end, newText: vkName + ending }] };
  }
  if (/(?:^|[\s(])(?:в|во|на)[\s\u00a0]+$/iu.test(text.slice(Math.max(0, m.start - 5), m.start))) {
    return { title: `Заменить на «${vkName}е»`, edits: [{ start: m.start, end: m.end, newText: `${vkName}е` }] };
  }
  return undefined;
}

export default defineRule({
  id: 'terms/platform-mixup',
  description: 'Акт о MAX упоминает VK Мессенджер (или наоборот) вне исторического контекста',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const facts = platformFacts(ctx);
    if (facts.platform === 'unknown') return;
    const data = termsData(ctx.knowledge);
    const defs = new Set(definitionNodes(ctx.model));
    const evidence = facts.evidence[0];
    for (const m of mixupMentions(ctx)) {
      const fix = fixFor(m, ctx.text, data.canonical.max, data.canonical.vk);
      const message = facts.platform === 'max'
        ? `Акт написан для ${data.canonical.max}, а здесь упоминается VK Мессенджер («${m.text}»)`
        : `Акт написан для VK Мессенджера, а здесь упоминается ${data.canonical.max} («${m.text}»)`;
      ctx.report({
        range: { start: m.start, end: m.end },
        message,
        severity: isInstruction(ctx.model, m.start, defs) ? 'error' : 'warning',
        related: evidence ? [{ range: evidence, message: facts.platform === 'max' ? 'Платформа акта — MAX' : 'Платформа акта — VK Мессенджер' }] : undefined,
        fixes: fix ? [fix] : undefined,
        data: { platform: facts.platform },
      });
    }
  },
});
