/**
 * roles/platform-role
 *
 * What it checks: a quoted role on the platform («в пользовательской роли «…»», «статуса «…»»)
 * that the platform does not have. The platform's roles (regulations.md §4): VK Мессенджер era —
 * «учитель», «ученик», «родитель», «администратор», «сотрудник»; MAX also shows «учащийся».
 * - a quoted role the platform does not have («куратор», «студент», «классный руководитель») —
 *   warning;
 * - «учащийся» in an act that is not about MAX (VK Мессенджер has no such role) — information;
 * - a college act that gives its teachers the platform role «учитель» — correct by the platform
 *   (college acts are seen with «преподаватель» and with «учитель»), reported as information so
 *   the author states once that «учитель» is the platform's name for the role of a преподаватель
 *   (regulations.md §7, rpl). A school act with the same words gets nothing.
 * Why: users look for the role named in the act when they join; a name the platform does not
 * show leaves them stuck.
 * Options: `institution` (family-wide); `collegeNotice` (default true) — the information about
 * «учитель» in a college act.
 * Fix: none — which platform role is meant is for the author to decide.
 */
import { roleAnalysis } from '../../analysis/roleMentions';
import { normalizeForm } from '../../morph';
import { defineRule } from '../types';

const quote = (s: string): string => `«${s}»`;

export default defineRule({
  id: 'roles/platform-role',
  description: 'Роль пользователя на платформе, которой на платформе нет или которую стоит проверить',
  defaultSeverity: 'warning',
  fixable: false,
  options: { institution: 'auto', collegeNotice: true },
  check(ctx) {
    const ra = roleAnalysis(ctx);
    const pr = ra.data.platformRoles;
    const college = ra.institution.kind === 'college';
    const norm = (list: readonly string[]): Set<string> => new Set(list.map(normalizeForm));
    const vk = norm(pr.vk);
    const max = norm(pr.max);
    const allowed = norm([...(ra.isMax ? pr.max : pr.vk), ...(college ? pr.collegeAccepted : [])]);
    const notice = norm(pr.collegeNotice);
    const era = ra.isMax ? 'MAX' : 'VK Мессенджере';
    for (const q of ra.quoted) {
      if (allowed.has(q.norm)) {
        if (college && notice.has(q.norm) && ctx.options['collegeNotice'] !== false) {
          ctx.report({
            range: q,
            severity: 'information',
            message: `В акте колледжа педагог присоединяется в роли ${quote(q.text)}: укажите, что это название роли на платформе, и называйте её в акте единообразно`,
          });
        }
        continue;
      }
      if (max.has(q.norm) && !vk.has(q.norm)) {
        ctx.report({
          range: q,
          severity: 'information',
          message: `Роль ${quote(q.text)} есть только в MAX, а акт о ${era}: там роль называется ${quote(pr.vk.find((r) => normalizeForm(r) === 'ученик') ?? 'ученик')}`,
        });
        continue;
      }
      // Only words that look like a role name (one or two words) — not any quoted text after «статус».
      if (q.norm.split(/[\s-]+/).length > 3) continue;
      ctx.report({
        range: q,
        message: `На платформе нет роли ${quote(q.text)}; роли пользователей: ${[...(ra.isMax ? pr.max : pr.vk)].map(quote).join(', ')}`,
      });
    }
  },
});
