/**
 * structure/max-voluntariness
 *
 * What it checks: an act about the national messenger MAX (platform detected by
 * `analysis/platform.ts`) says that using MAX is voluntary or names an alternative channel of
 * communication for those who do not use it («Использование MAX является добровольным»,
 * «альтернативный канал связи», «не использующим MAX … по электронной почте»).
 * Why: Минцифры stated in November 2025 that using MAX is voluntary and an alternative channel
 * must be offered; in February 2026 prosecutors protested school acts that made MAX mandatory
 * (regulations.md §3). An act without such a clause is a legal risk.
 * Options: none.
 * Fix: a quick fix (not applied by «исправить всё»: the channels are the organisation's choice)
 * appends a clause on voluntariness and the alternative channel to the general section.
 */
import { platformFacts } from '../../analysis/platform';
import { insertElementFix } from '../../service/insertSection';
import { defineRule } from '../types';
import { flatTextsOf } from './required-elements';
import { documentAnchor } from './required-sections';

/**
 * Wording that settles voluntariness or an alternative channel: «добровольно», «альтернативный
 * канал», «не использующим MAX», «подключение … осуществляется по желанию», «регистрация … не
 * является обязательной», «получение информации иными способами».
 */
const VOLUNTARY_PARTS = [
  /добровольн|альтернативн\p{L}*\s+(?:канал|способ|средств|форм)/u.source,
  /не\s+(?:использующ|зарегистрированн|подключ)\p{L}*\s+(?:в\s+)?(?:национальн\p{L}*\s+мессенджер\p{L}*\s+)?(?:MAX|МАХ)/u.source,
  /(?:подключени|регистраци|использовани|участи|присоединени)\p{L}*\s[^.;]{0,120}?(?:по\s+(?:своему\s+|собственному\s+)?желанию|не\s+является\s+обязательн|необязательн)/u.source,
  /(?:получени|направлени|доведени|информировани)\p{L}*\s[^.;]{0,60}?(?:ины|други)\p{L}*\s+(?:способ|канал)/u.source,
];

/**
 * `VOLUNTARY_PARTS` joined is what the text is tested with; it is run as three tests. The last
 * two parts try a span of up to 120 characters after every «использовани…», «участи…»: each
 * runs only when the text has its tail (`…желанию`, `…обязательн…`, `иными способами`), which
 * every match of the part contains, so skipping it when the tail is absent changes nothing.
 */
const DIRECT_RE = new RegExp(`${VOLUNTARY_PARTS[0]}|${VOLUNTARY_PARTS[1]}`, 'iu');
const OPTIONAL_RE = new RegExp(VOLUNTARY_PARTS[2]!, 'iu');
const OPTIONAL_TAIL_RE = /по\s+(?:своему\s+|собственному\s+)?желанию|не\s+является\s+обязательн|необязательн/iu;
const OTHER_WAYS_RE = new RegExp(VOLUNTARY_PARTS[3]!, 'iu');
const OTHER_WAYS_TAIL_RE = /(?:ины|други)\p{L}*\s+(?:способ|канал)/iu;

function saysVoluntary(text: string): boolean {
  return DIRECT_RE.test(text) || (OPTIONAL_TAIL_RE.test(text) && OPTIONAL_RE.test(text)) || (OTHER_WAYS_TAIL_RE.test(text) && OTHER_WAYS_RE.test(text));
}

export default defineRule({
  id: 'structure/max-voluntariness',
  description: 'Акт о мессенджере MAX не говорит о добровольности его использования и об альтернативном канале связи',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    if (platformFacts(ctx).platform !== 'max') return;
    // ctx.text.replace(/[*_]/g, '').replace(/[\s\u00a0]+/g, ' '), made with required-elements' text.
    if (saysVoluntary(flatTextsOf(ctx).voluntary)) return;
    const fix = insertElementFix(ctx.model, ctx.knowledge.structure?.sections ?? [], { id: 'voluntariness', name: 'добровольность MAX и альтернативный канал связи' });
    ctx.report({
      range: documentAnchor(ctx.model),
      message: 'Акт о мессенджере MAX не говорит, что его использование добровольно, и не называет альтернативный канал связи',
      fixes: fix ? [fix] : undefined,
    });
  },
});
