/**
 * legal/max-without-156
 *
 * What it checks: an act about the national messenger MAX (platform decided by the shared
 * `detectPlatform`, the same decision the `terms` family uses) whose text does not cite
 * Федеральный закон от 24.06.2025 № 156-ФЗ, the law that creates the multifunctional
 * information-exchange service.
 * Why: 156-ФЗ is the legal ground of MAX; an act that moves communication into MAX without it
 * rests on platform announcements only (regulations.md §5, §6).
 * Options: none.
 * Fix: none — where to cite it is the author's choice (the basis-list snippet offers it).
 */
import { platformFacts } from '../../analysis/platform';
import { legalFacts } from '../../legal/facts';
import { defineRule } from '../types';

export default defineRule({
  id: 'legal/max-without-156',
  description: 'Акт о мессенджере MAX не ссылается на Федеральный закон № 156-ФЗ',
  defaultSeverity: 'information',
  fixable: false,
  check(ctx) {
    if (platformFacts(ctx).platform !== 'max') return;
    const facts = legalFacts(ctx);
    if (facts.citations.some((rc) => rc.resolution.act?.id === 'fz-156' || rc.citation.number?.normalized === '156-ФЗ')) return;
    const at = facts.basis?.introRange ?? ctx.model.title?.range ?? { start: ctx.model.bodyStart, end: ctx.model.bodyStart };
    ctx.report({
      range: at,
      message: 'Акт о мессенджере MAX не ссылается на Федеральный закон от 24.06.2025 № 156-ФЗ «О создании многофункционального сервиса обмена информацией …»',
    });
  },
});
