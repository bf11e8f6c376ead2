/**
 * terms/canonical-spelling
 *
 * What it checks: platform names and addresses written other than canonically
 * (regulations.md §5, data: `server/data/terms.json`):
 * - `МАХ` in Cyrillic letters or mixed lookalikes (`MАХ`), also declined («в МАХе», «МАХа»),
 *   `Max`, `max`, and `Мах` capitalised in a platform context («в Мах», «мессенджер Мах»,
 *   «Мах — национальный мессенджер») or inside a sentence («Использование Мах добровольно»)
 *   → `MAX` (it does not decline: «в МАХе» → «в MAX»); the ordinary word «мах» («одним махом»,
 *   «мах рукой») is left alone;
 * - a mangled quoted platform name: «Сфера» (after ИКОП, «платформа», «сервис»…), «Сферрум»,
 *   «Сферум в МАХ» → «Сферум»;
 * - brand variants of VK Мессенджер (VK-мессенджер, VK мессенджер, ВК Мессенджер,
 *   VK- мессенджере) → `VK Мессенджер` with the case ending kept («VK-мессенджере» →
 *   «VK Мессенджере») — unless `terms/platform-mixup` already reports that mention;
 * - platform e-mail addresses and domains one or two characters away from a canonical one
 *   (`support@max.ni` → `support@max.ru`, `sferum.ry` → `sferum.ru`); in a Markdown link
 *   `[x](mailto:x)` both the text and the address are fixed by one fix.
 * Why: `МАХ` in Cyrillic looks identical but is another word for search, hyperlinks and the
 * registry of acts; a wrong address sends users nowhere.
 * Options: none (canonical addresses and known foreign domains are data).
 * Fix: the canonical spelling; for «Сферум в МАХ» the preferred fix is «Сферум», an alternative
 * keeps the platform: «Сферум» в MAX.
 */
import { findMangledNames, mixupMentions, platformMentions } from '../../analysis/platform';
import { matchCase } from '../../analysis/typos';
import { editDistance } from '../../analysis/script';
import { termsData, type PlatformAddress } from '../../analysis/termsData';
import { domainMatches, emailMatches, linkRanges } from '../../analysis/zones';
import type { OffsetRange } from '../../model/types';
import { defineRule, type Fix, type OffsetEdit, type RuleContext } from '../types';
import { overlapTest } from '../../util/ranges';
import { lowerBound, upperBound } from '../../util/sorted';

/** The canonical domain a mistyped domain stands for, or undefined. */
export function nearDomain(domain: string, canonical: readonly string[], known: readonly string[]): string | undefined {
  const d = domain.toLowerCase();
  if (canonical.includes(d) || known.includes(d)) return undefined;
  const split = (s: string): [string, string] => {
    const i = s.lastIndexOf('.');
    return [s.slice(0, i), s.slice(i + 1)];
  };
  const [dSld, dTld] = split(d);
  let best: { c: string; dist: number } | undefined;
  for (const c of canonical) {
    const [cSld, cTld] = split(c);
    let dist = Infinity;
    if (dSld === cSld) {
      const t = editDistance(dTld, cTld, 2);
      if (t <= 2) dist = t;
    } else if (dTld === cTld) {
      const lim = cSld.length >= 5 ? 2 : 1;
      const s = editDistance(dSld, cSld, lim);
      if (s <= lim) dist = s;
    }
    if (dist < (best?.dist ?? Infinity)) best = { c, dist };
  }
  return best?.c;
}

interface AddressHit extends OffsetRange {
  readonly found: string;
  readonly fixed: string;
}

/** The canonical domains (with those of the e-mails) and e-mails, lower-cased, per addresses array (data). */
const canonicalCache = new WeakMap<readonly PlatformAddress[], { readonly domains: readonly string[]; readonly emails: readonly string[] }>();

function canonicalAddresses(addresses: readonly PlatformAddress[]): { readonly domains: readonly string[]; readonly emails: readonly string[] } {
  let hit = canonicalCache.get(addresses);
  if (hit) return hit;
  const domains = addresses.filter((a) => a.kind === 'domain').map((a) => a.value.toLowerCase());
  const emails = addresses.filter((a) => a.kind === 'email').map((a) => a.value.toLowerCase());
  for (const e of emails) {
    const d = e.slice(e.indexOf('@') + 1);
    if (!domains.includes(d)) domains.push(d);
  }
  canonicalCache.set(addresses, (hit = { domains, emails }));
  return hit;
}

function addressHits(ctx: RuleContext, addresses: readonly PlatformAddress[], known: readonly string[]): AddressHit[] {
  const text = ctx.text;
  const { domains, emails } = canonicalAddresses(addresses);
  // Inside an HTML comment: the last `<!--` at or before `start` is not closed by a `-->` before
  // `start`. The positions of both are collected once (a `lastIndexOf` per hit is quadratic).
  let opens: number[] | undefined;
  let closes: number[] | undefined;
  const inComment = (start: number): boolean => {
    if (!opens || !closes) {
      opens = positionsOf(text, '<!--');
      closes = positionsOf(text, '-->');
    }
    const i = lastAtOrBefore(opens, start);
    if (i < 0) return false;
    const close = firstAtOrAfter(closes, opens[i]!);
    return close >= 0 && closes[close]! >= start;
  };
  const skip = (start: number): boolean => {
    const line = ctx.model.lines[ctx.model.lineAt(start)];
    if (line?.block === 'code') return true;
    return inComment(start);
  };
  const hits: AddressHit[] = [];
  const emailRanges: OffsetRange[] = [];
  for (const m of emailMatches(text)) {
    const start = m.index!;
    const email = m[0];
    emailRanges.push({ start, end: start + email.length });
    if (skip(start) || emails.includes(email.toLowerCase())) continue;
    const at = email.indexOf('@');
    const local = email.slice(0, at);
    const domain = email.slice(at + 1);
    const near = nearDomain(domain, domains, known);
    if (near) {
      hits.push({ start: start + at + 1, end: start + email.length, found: domain, fixed: near });
      continue;
    }
    if (!domains.includes(domain.toLowerCase())) continue;
    const locals = emails.filter((e) => e.endsWith('@' + domain.toLowerCase())).map((e) => e.slice(0, e.indexOf('@')));
    const l = local.toLowerCase();
    const close = locals.find((c) => c.length >= 4 && editDistance(l, c, 1) === 1);
    if (close) hits.push({ start, end: start + at, found: local, fixed: close });
  }
  // E-mail ranges are sorted and disjoint, domains come in order: one pointer walks both.
  let e = 0;
  const nearCache = new Map<string, string | undefined>();
  for (const m of domainMatches(text)) {
    const start = m.index!;
    while (e < emailRanges.length && emailRanges[e]!.end <= start) e++;
    if (skip(start) || (e < emailRanges.length && start >= emailRanges[e]!.start)) continue;
    let near = nearCache.get(m[0]);
    if (near === undefined && !nearCache.has(m[0])) nearCache.set(m[0], (near = nearDomain(m[0], domains, known)));
    if (near) hits.push({ start, end: start + m[0].length, found: m[0], fixed: near });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Every position of `needle` in `text`, ascending. */
function positionsOf(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Index of the last element ≤ `x` of an ascending array, or -1. */
function lastAtOrBefore(sorted: readonly number[], x: number): number {
  return upperBound(sorted, x) - 1;
}

/** Index of the first element ≥ `x` of an ascending array, or -1. */
function firstAtOrAfter(sorted: readonly number[], x: number): number {
  const i = lowerBound(sorted, x);
  return i < sorted.length ? i : -1;
}

export default defineRule({
  id: 'terms/canonical-spelling',
  description: 'Неканоническое написание MAX, ИКОП «Сферум», VK Мессенджер, адресов и доменов платформ',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    const data = termsData(ctx.knowledge);
    const MAX = data.canonical.max;
    const claimed: OffsetRange[] = mixupMentions(ctx).map((m) => ({ start: m.start, end: m.end }));

    // Mangled quoted names first: they contain MAX lookalikes that must not be reported twice.
    // Names come in ascending order: one overlaps an earlier claimed name exactly when it starts
    // before the largest end claimed so far.
    const mixupOverlap = overlapTest(claimed);
    const isMixup = (r: OffsetRange): boolean => mixupOverlap(r.start, r.end);
    let namesEnd = -Infinity;
    for (const n of findMangledNames(ctx.model, ctx.text, data.canonical.platform)) {
      if (isMixup(n) || n.start < namesEnd) continue;
      claimed.push({ start: n.start, end: n.quoteEnd });
      namesEnd = Math.max(namesEnd, n.quoteEnd);
      const name = matchCase(n.inner, data.canonical.platform);
      const fixes: Fix[] = [{ title: `Заменить на «${name}»`, edits: [{ start: n.start, end: n.end, newText: name }] }];
      if (n.withMax) {
        const close = ctx.text.slice(n.end, n.quoteEnd);
        fixes.push({ title: `Заменить на «${name}${close} в ${MAX}»`, edits: [{ start: n.start, end: n.quoteEnd, newText: `${name}${close} в ${MAX}` }], preferred: false });
      }
      ctx.report({
        range: { start: n.start, end: n.end },
        message: `Платформа называется «${data.canonical.platform}», а не «${n.inner}»`,
        fixes,
      });
    }

    const claimedOverlap = overlapTest(claimed);
    for (const m of platformMentions(ctx)) {
      if (claimedOverlap(m.start, m.end)) continue;
      const range = { start: m.start, end: m.end };
      if (m.kind === 'max-lookalike' || m.kind === 'max-case') {
        const cyr = /[\p{Script=Cyrillic}]/u.test(m.text);
        const message = cyr
          ? `«${m.text}» написано ${/[A-Za-z]/.test(m.text) ? 'смесью кириллицы и латиницы' : 'кириллицей'}: название мессенджера пишется латиницей — ${MAX}`
          : `Название мессенджера пишется прописными латинскими буквами — ${MAX}, а не «${m.text}»`;
        ctx.report({ range, message, fixes: [{ title: `Заменить на «${MAX}»`, edits: [{ ...range, newText: MAX }] }] });
      } else if (m.kind === 'vk-brand') {
        const word = /(мессенджер|messenger)(\p{L}*)$/iu.exec(m.text);
        const ending = word?.[2] ?? '';
        const noun = word && word[1]! === word[1]!.toUpperCase() ? 'МЕССЕНДЖЕР' + ending.toUpperCase() : 'Мессенджер' + ending;
        const canonical = `VK ${noun}`;
        if (m.text === canonical) continue;
        ctx.report({
          range,
          message: `Название пишется «${data.canonical.vk}», а не «${m.text}»`,
          fixes: [{ title: `Заменить на «${canonical}»`, edits: [{ ...range, newText: canonical }] }],
        });
      } else if (m.kind === 'vk-profile' && m.text !== 'VK') {
        ctx.report({ range, message: `Название пишется латиницей — VK, а не «${m.text}»`, fixes: [{ title: 'Заменить на «VK»', edits: [{ ...range, newText: 'VK' }] }] });
      }
    }

    // Addresses: hits inside one Markdown link are fixed together (text and destination).
    const hits = addressHits(ctx, data.addresses, data.knownDomains);
    // Links only matter for a hit (most drafts have none): not scanned for otherwise.
    const links = hits.length > 0 ? linkRanges(ctx.text) : [];
    const groups = new Map<number, AddressHit[]>();
    // Links are sorted and disjoint, hits sorted by start: only the first link ending after a
    // hit's start can contain it.
    let k = 0;
    hits.forEach((h, i) => {
      while (k < links.length && links[k]!.end <= h.start) k++;
      const l = links[k];
      const li = l && h.start >= l.start && h.end <= l.end ? k : -1;
      const key = li >= 0 ? -1 - li : i;
      groups.set(key, [...(groups.get(key) ?? []), h]);
    });
    for (const group of groups.values()) {
      const first = group[0]!;
      const edits: OffsetEdit[] = group.map((h) => ({ start: h.start, end: h.end, newText: h.fixed }));
      ctx.report({
        range: { start: first.start, end: first.end },
        message: `Вероятно, опечатка в адресе: «${first.found}» вместо «${first.fixed}»`,
        fixes: [{ title: `Заменить на «${first.fixed}»${group.length > 1 ? ' (текст и адрес ссылки)' : ''}`, edits }],
      });
    }
  },
});
