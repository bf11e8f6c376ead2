/**
 * numbering/gap
 *
 * What it checks: the numbers of sibling parts (sections of the body, clauses of one section,
 * sub-clauses of one clause, numbered entries of one list) run 1, 2, 3 … without gaps and
 * without going backwards: `1.1, 1.2, 1.4` (1.3 missing), `2.2` as the first clause of section 2
 * (2.1 missing), `1.3` after `1.5`.
 * Why: a gap reads as a deleted clause, breaks cross-references (`пункт 1.3`) and tells the
 * approving body the draft was edited carelessly.
 * Options: none.
 * Fix: only when exactly one number is wrong between two right ones (`1.1, 1.5, 1.3` → 1.5 becomes
 * 1.2); the fix renumbers that part and the numbers of its own sub-parts. Other gaps need a
 * decision (a deleted clause or a wrong number?) and are left to the renumbering command.
 */
import { formatNumber } from '../../model/clauseNumber';
import type { DocumentModel, RegNode } from '../../model/types';
import type { OffsetEdit, Report } from '../types';
import { defineRule } from '../types';

/** Russian name of a numbered part by the depth of its number, nominative. */
export function partName(n: RegNode): string {
  if (n.kind === 'item') return 'номер';
  const depth = n.number?.parts.length ?? 1;
  return depth <= 1 ? 'раздел' : depth === 2 ? 'пункт' : 'подпункт';
}

/** The same in the prepositional case: «в разделе 3». */
export function partNamePrepositional(n: RegNode): string {
  if (n.kind === 'appendix') return 'приложении';
  if (!n.number) return 'разделе';
  if (n.kind === 'item') return 'перечне';
  const depth = n.number.parts.length;
  return depth <= 1 ? 'разделе' : depth === 2 ? 'пункте' : 'подпункте';
}

/** Containers whose numbered children are compared: the body's top level and every node. */
export function siblingGroups(model: DocumentModel): Array<{ parent: RegNode | undefined; nodes: RegNode[] }> {
  const out: Array<{ parent: RegNode | undefined; nodes: RegNode[] }> = [];
  const add = (parent: RegNode | undefined, children: readonly RegNode[]): void => {
    // Groups by kind (list entry or part) and depth of the number: ±depth, in order of first use.
    let byKey: Map<number, RegNode[]> | undefined;
    for (const c of children) {
      if (!c.number || c.orphan || c.kind === 'appendix') continue;
      const key = c.kind === 'item' ? -c.number.parts.length : c.number.parts.length;
      byKey ??= new Map();
      const list = byKey.get(key);
      if (list) list.push(c);
      else byKey.set(key, [c]);
    }
    if (byKey) for (const nodes of byKey.values()) out.push({ parent, nodes });
  };
  add(undefined, model.root.filter((n) => n.kind !== 'appendix' && n.kind !== 'stamp' && n.kind !== 'title'));
  for (const n of model.nodes) if (n.children.length > 0) add(n, n.children);
  return mergeContinuousRomanRuns(out);
}

/**
 * Acts with Roman sections (`I. Общие положения`) number their clauses either anew in each
 * section (1, 2 | 1, 2) or straight through the act (1, 2 | 3, 4). Both are lawful; in the second
 * style the clauses of all Roman sections form one sequence.
 */
function mergeContinuousRomanRuns(groups: Array<{ parent: RegNode | undefined; nodes: RegNode[] }>): Array<{ parent: RegNode | undefined; nodes: RegNode[] }> {
  const isRoman = (n: RegNode | undefined): boolean => n?.number !== undefined && !/^\d/.test(n.number.text);
  const roman = groups.filter((g) => isRoman(g.parent) && g.nodes[0]!.kind !== 'item' && g.nodes[0]!.number!.parts.length === 1);
  if (roman.length < 2) return groups;
  const restarts = roman.slice(1).every((g) => g.nodes[0]!.number!.parts[0] === 1);
  if (restarts) return groups;
  const merged = roman.flatMap((g) => g.nodes).sort((a, b) => a.headRange.start - b.headRange.start);
  const romanSet = new Set(roman);
  return [...groups.filter((g) => !romanSet.has(g)), { parent: undefined, nodes: merged }];
}

/** Edits giving `node` the number `parts` and carrying the change into its sub-parts' numbers. */
export function renumberEdits(node: RegNode, parts: readonly number[]): OffsetEdit[] {
  const old = node.number!.parts;
  const edits: OffsetEdit[] = [{ start: node.number!.range.start, end: node.number!.range.end, newText: formatNumber(parts, node.number!.trailingDot) }];
  const walk = (n: RegNode): void => {
    for (const c of n.children) {
      const num = c.number;
      if (num && c.kind !== 'item' && num.parts.length > old.length && old.every((p, i) => num.parts[i] === p)) {
        edits.push({ start: num.range.start, end: num.range.end, newText: formatNumber([...parts, ...num.parts.slice(old.length)], num.trailingDot) });
      }
      walk(c);
    }
  };
  walk(node);
  return edits;
}

function last(n: RegNode): number {
  const p = n.number!.parts;
  return p[p.length - 1]!;
}

/** Whether two numbers share all parts but the last (`1.2` and `1.5`): no joined strings. */
function samePrefix(a: RegNode, b: RegNode): boolean {
  const p = a.number!.parts;
  const q = b.number!.parts;
  const k = Math.max(p.length - 1, 0);
  if (k !== Math.max(q.length - 1, 0)) return false;
  for (let i = 0; i < k; i++) if (p[i] !== q[i]) return false;
  return true;
}

function withLast(n: RegNode, value: number): number[] {
  return [...n.number!.parts.slice(0, -1), value];
}

function label(parts: readonly number[]): string {
  return parts.join('.');
}

/** Finds gaps in one sibling sequence. */
export function checkSequence(parent: RegNode | undefined, nodes: readonly RegNode[]): Report[] {
  const reports: Report[] = [];
  let prevValue = 0;
  let prevNode: RegNode | undefined;
  let dupPending = false;
  for (let i = 0; i < nodes.length; i++) {
    const cur = nodes[i]!;
    const b = last(cur);
    if (prevNode && !samePrefix(prevNode, cur)) {
      // Another prefix under an unnumbered parent: a new run.
      prevNode = undefined;
      prevValue = 0;
      dupPending = false;
    }
    if (!prevNode) {
      if (b !== 1) {
        const missing = b === 2 ? `Номер ${label(withLast(cur, 1))} пропущен` : `Номера ${label(withLast(cur, 1))}–${label(withLast(cur, b - 1))} пропущены`;
        const where = parent?.number && cur.kind !== 'item' ? `${partName(parent)} ${parent.number.text} начинается` : 'нумерация начинается';
        const next = nodes[i + 1];
        const fixable = b > 1 && next !== undefined && samePrefix(next, cur) && last(next) === 2;
        reports.push({
          range: cur.number!.range,
          message: fixable ? `Номер ${cur.number!.text} не по порядку: ожидается ${label(withLast(cur, 1))}` : `${missing}: ${where} с ${cur.number!.text}`,
          fixes: fixable ? [{ title: `Заменить номер на ${label(withLast(cur, 1))}`, edits: renumberEdits(cur, withLast(cur, 1)) }] : undefined,
        });
        prevValue = fixable ? 1 : b;
      } else {
        prevValue = b;
      }
      prevNode = cur;
      continue;
    }
    const a = prevValue;
    if (b === a) {
      // A duplicate: numbering/duplicate reports it; the next number may skip one.
      dupPending = true;
      prevNode = cur;
      continue;
    }
    if (b === a + 1 || (dupPending && b === a + 2)) {
      prevValue = b;
      prevNode = cur;
      dupPending = false;
      continue;
    }
    dupPending = false;
    const next = nodes[i + 1];
    const nextFits = next !== undefined && samePrefix(next, cur) && last(next) === a + 2;
    const expected = withLast(cur, a + 1);
    if (nextFits) {
      reports.push({
        range: cur.number!.range,
        message: `Номер ${cur.number!.text} не по порядку: после ${label(withLast(cur, a))} ожидается ${label(expected)}`,
        fixes: [{ title: `Заменить номер на ${label(expected)}`, edits: renumberEdits(cur, expected) }],
      });
      prevValue = a + 1;
    } else if (b > a + 1) {
      const missing = b === a + 2 ? `Номер ${label(expected)} пропущен` : `Номера ${label(expected)}–${label(withLast(cur, b - 1))} пропущены`;
      reports.push({
        range: cur.number!.range,
        message: `${missing}: после ${label(withLast(cur, a))} идёт ${cur.number!.text}`,
        related: [{ range: prevNode.number!.range, message: `Предыдущий номер ${prevNode.number!.text}` }],
      });
      prevValue = b;
    } else {
      reports.push({
        range: cur.number!.range,
        message: `Нарушен порядок номеров: после ${label(withLast(cur, a))} идёт ${cur.number!.text}`,
        related: [{ range: prevNode.number!.range, message: `Предыдущий номер ${prevNode.number!.text}` }],
      });
      prevValue = b;
    }
    prevNode = cur;
  }
  return reports;
}

export default defineRule({
  id: 'numbering/gap',
  description: 'Пропуск или нарушение порядка в нумерации разделов, пунктов и подпунктов',
  defaultSeverity: 'warning',
  fixable: true,
  check(ctx) {
    for (const { parent, nodes } of siblingGroups(ctx.model)) {
      for (const r of checkSequence(parent, nodes)) ctx.report(r);
    }
    // Appendices: № 1, № 2, …
    const numbered = ctx.model.appendices.filter((a) => a.number);
    let prev = 0;
    for (const a of numbered) {
      const n = a.number!.parts[0]!;
      if (n > prev + 1) {
        ctx.report({
          range: a.number!.range,
          message: n === prev + 2 ? `Приложение № ${prev + 1} пропущено: после ${prev === 0 ? 'текста акта' : `приложения № ${prev}`} идёт приложение № ${n}` : `Приложения № ${prev + 1}–${n - 1} пропущены: после ${prev === 0 ? 'текста акта' : `приложения № ${prev}`} идёт приложение № ${n}`,
        });
      }
      prev = Math.max(prev, n);
    }
  },
});
