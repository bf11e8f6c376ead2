/**
 * terms/platform-unnamed
 *
 * What it checks: the act speaks of «национальный мессенджер» but never names it — no `MAX`
 * (in any spelling) anywhere in the text.
 * Why: «национальный мессенджер» is a status given by the Government (распоряжение № 1880-р), not
 * a name; an act regulates the use of a concrete service, and users must know which one to install.
 * Options: none.
 * Fix: add the name after the first mention: «в национальном мессенджере» → «в национальном
 * мессенджере MAX».
 */
import { platformFacts, platformMentions } from '../../analysis/platform';
import { termsData } from '../../analysis/termsData';
import { defineRule } from '../types';

export default defineRule({
  id: 'terms/platform-unnamed',
  description: 'Национальный мессенджер упоминается, но нигде не назван',
  defaultSeverity: 'information',
  fixable: true,
  check(ctx) {
    if (platformFacts(ctx).platform === 'vk') return; // a VK act: terms/platform-mixup reports it
    const mentions = platformMentions(ctx).filter((m) => m.platform === 'max');
    const national = mentions.filter((m) => m.kind === 'max-national');
    if (national.length === 0 || mentions.some((m) => m.kind !== 'max-national')) return;
    const first = national[0]!;
    const MAX = termsData(ctx.knowledge).canonical.max;
    ctx.report({
      range: { start: first.start, end: first.end },
      message: `Национальный мессенджер упоминается${national.length > 1 ? ` ${national.length} раз` : ''}, но нигде не назван: укажите «${termsData(ctx.knowledge).canonical.maxFull}»`,
      fixes: [{ title: `Добавить «${MAX}»`, edits: [{ start: first.end, end: first.end, newText: ` ${MAX}` }] }],
    });
  },
});
