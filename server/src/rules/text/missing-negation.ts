/**
 * text/missing-negation
 *
 * What it checks: in a list of obligations — the items and sub-clauses under a clause whose text
 * ends with «обязаны:», «обязан:», «обязуются:» or «должны:» — an item that describes a prohibited
 * action without «не»: «осуществлять незаконный сбор персональных данных», «размещать …
 * информацию, которая может нарушить права», «предоставлять третьим лицам доступ к своему
 * аккаунту». The same item under «запрещается:» / «не допускается:» is correct and not reported.
 * Why: a lost «не» turns a prohibition into a duty; the act then obliges users to break the law.
 * Options: none; the prohibited actions are data (`typos.json` → `prohibitedActions`).
 * Fix: insert «не» before the item («не осуществлять …»), offered as a quick fix that is not
 * applied by «исправить всё»: the author may prefer to move the item under «запрещается».
 */
import { dataRegex, plainDataRegex, plainText, typosData, type ProhibitedAction } from '../../analysis/termsData';
import type { RegNode } from '../../model/types';
import { defineRule } from '../types';

const OBLIGATION_HEAD = /(?:обязан[аоы]?|обязуются|обязуется|должны|должен|должна)[\s*_]*:[\s*_]*$/iu;
const PROHIBITION_HEAD = /(?:запрещ\p{L}*|не\s+допуска\p{L}*|не\s+вправе|не\s+разреша\p{L}*|не\s+должны)[\s*_]*:[\s*_]*$/iu;

/** The first line of a node's own text (its head) without emphasis. */
function headText(n: RegNode): string {
  return n.text.split('\n').join(' ').replace(/\*\*|__/g, '').trim();
}

type CompiledAction = { readonly id: string; readonly re: RegExp };

/**
 * The prohibited actions compiled once per data array (the data never changes): for any text and,
 * made on first need, for a plain text (`plainText`: patterns without `i`/`u`, which compile many
 * times faster; they are valid exactly when the originals are, so both lists hold the same ids).
 */
const actionCache = new WeakMap<readonly ProhibitedAction[], { any?: readonly CompiledAction[]; plain?: readonly CompiledAction[] }>();

function compiledActions(actions: readonly ProhibitedAction[], plain: boolean): readonly CompiledAction[] {
  let hit = actionCache.get(actions);
  if (!hit) actionCache.set(actions, (hit = {}));
  const key = plain ? 'plain' : 'any';
  return (hit[key] ??= actions
    .map((p) => ({ id: p.id, re: (plain ? plainDataRegex : dataRegex)(`^(?:${p.pattern})`, 'iu') }))
    .filter((p): p is CompiledAction => p.re !== null));
}

export default defineRule({
  id: 'text/missing-negation',
  description: 'Запрещённое действие без «не» в перечне обязанностей',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    // Every item text tested is a part of the document's text (emphasis marks removed): plain when it is.
    const patterns = compiledActions(typosData(ctx.knowledge).prohibitedActions, plainText(ctx.text));
    const reported = new Set<RegNode>();
    for (const parent of ctx.model.nodes) {
      // Both heads end with «:» (cheap test before the head text is built).
      if (parent.children.length === 0 || !parent.text.includes(':')) continue;
      const head = headText(parent);
      if (!OBLIGATION_HEAD.test(head) || PROHIBITION_HEAD.test(head)) continue;
      const visit = (item: RegNode): void => {
        if (reported.has(item)) return;
        if (item.text.includes(':')) {
          const body = headText(item);
          if (OBLIGATION_HEAD.test(body) || PROHIBITION_HEAD.test(body)) return; // a nested list has its own head
        }
        const textStart = item.titleRange.start;
        const own = ctx.text.slice(textStart, item.headRange.end).replace(/\*\*|__/g, '');
        if (!/^не\s/iu.test(own)) {
          const hit = patterns.find((p) => p.re.test(own));
          if (hit) {
            reported.add(item);
            const word = /^\p{L}+/u.exec(ctx.text.slice(textStart))?.[0] ?? '';
            const capital = word.length > 0 && word[0] !== word[0]!.toLowerCase();
            const insert = capital ? `Не ${word[0]!.toLowerCase()}` : 'не ';
            const edits = capital
              ? [{ start: textStart, end: textStart + 1, newText: insert }]
              : [{ start: textStart, end: textStart, newText: insert }];
            ctx.report({
              range: { start: textStart, end: textStart + (word.length || 1) },
              message: `Запрещённое действие в перечне обязанностей без «не»: «${own.slice(0, 60).trim()}${own.length > 60 ? '…' : ''}»`,
              fixes: [{ title: 'Добавить «не»', edits, preferred: false }],
              data: { action: hit.id },
            });
          }
        }
        item.children.forEach(visit);
      };
      parent.children.forEach(visit);
    }
  },
});
