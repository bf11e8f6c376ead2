/**
 * Renumbering: give a section's clauses (and their sub-clauses, recursively) — or every section
 * of the body — consecutive numbers after an insert, a delete or a move, and update every internal
 * cross-reference («пункт 1.3», «пп. 2.1–2.4») in the same edit.
 *
 * Edits are exact and minimal: only the digits that change are replaced; each number keeps its
 * own trailing-dot style (`1.2.` stays dotted, `3.3.4` stays bare). Numbered list entries (`1.`
 * inside a clause), Roman section labels and appendices keep their numbers. A reference that does
 * not resolve is left alone (numbering/broken-reference reports it).
 *
 * Transport-free and pure: a function of the model (and its text).
 */
import { referencesOf, type CrossReference } from '../model/references';
import type { DocumentModel, RegNode } from '../model/types';
import type { OffsetEdit } from '../rules/types';

/** New numbers by node (only nodes whose number changes need to be present). */
export type NumberPlan = Map<RegNode, readonly number[]>;

/** Numbered parts renumbering deals with: arabic-numbered sections, clauses and sub-clauses of the body. */
export function isRenumberable(n: RegNode): boolean {
  if (!n.number || !/^\d/.test(n.number.text)) return false;
  if (n.kind !== 'section' && n.kind !== 'clause' && n.kind !== 'subclause') return false;
  for (let p = n.parent; p; p = p.parent) if (p.kind === 'appendix') return false;
  return true;
}

/** The nearest ancestor that is renumberable (items in between are skipped). */
function numberedParent(n: RegNode): RegNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (isRenumberable(p)) return p;
  return undefined;
}

function isDescendant(n: RegNode, of: RegNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p === of) return true;
  return false;
}

/** The body section with this number (the first one when repeated). */
export function sectionByNumber(model: DocumentModel, number: string): RegNode | undefined {
  const want = number.replace(/\.$/, '');
  return model.nodes.find((n) => n.kind === 'section' && isRenumberable(n) && n.number!.text === want);
}

/**
 * The plan that numbers consecutively: every section of the body (no `section`), or the clauses
 * and sub-clauses of one section (its own number kept).
 */
export function renumberPlan(model: DocumentModel, section?: RegNode): NumberPlan {
  const plan: NumberPlan = new Map();
  const newOf = (n: RegNode): readonly number[] => plan.get(n) ?? n.number!.parts;
  const counters = new Map<RegNode | undefined, Map<string, number>>();
  for (const n of model.nodes) {
    if (!isRenumberable(n)) continue;
    if (section && !isDescendant(n, section)) continue;
    const parent = numberedParent(n);
    const old = n.number!.parts;
    let prefixOld: readonly number[];
    let prefixNew: readonly number[];
    if (parent && old.length > parent.number!.parts.length) {
      prefixOld = old.slice(parent.number!.parts.length, -1);
      prefixNew = [...newOf(parent), ...prefixOld];
    } else {
      prefixOld = old.slice(0, -1);
      prefixNew = prefixOld;
    }
    const key = `${old.length}|${prefixOld.join('.')}`;
    const byKey = counters.get(parent) ?? new Map<string, number>();
    counters.set(parent, byKey);
    const k = (byKey.get(key) ?? 0) + 1;
    byKey.set(key, k);
    plan.set(n, [...prefixNew, k]);
  }
  return plan;
}

/** The smallest edit turning the number `before` (at `start`) into `after`. */
function minimalNumberEdit(start: number, before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let a = 0;
  while (a < before.length && a < after.length && before[a] === after[a]) a++;
  let b = 0;
  while (b < before.length - a && b < after.length - a && before[before.length - 1 - b] === after[after.length - 1 - b]) b++;
  return { start: start + a, end: start + before.length - b, newText: after.slice(a, after.length - b) };
}

/** Edits applying a plan to the clause labels and to every internal reference that points at a planned node. */
export function planEdits(model: DocumentModel, plan: NumberPlan, refs?: readonly CrossReference[]): OffsetEdit[] {
  // Nothing to renumber (a section inserted after the last one): the references are not read.
  if (plan.size === 0) return [];
  refs ??= referencesOf(model);
  const edits: OffsetEdit[] = [];
  for (const [node, parts] of plan) {
    const num = node.number!;
    const before = model.text.slice(num.range.start, num.range.end);
    const after = parts.join('.') + (num.trailingDot ? '.' : '');
    const e = minimalNumberEdit(num.range.start, before, after);
    if (e) edits.push(e);
  }
  for (const ref of refs) {
    for (const t of ref.targets) {
      if (t.implicit || !t.node) continue;
      const parts = plan.get(t.node);
      if (!parts) continue;
      const e = minimalNumberEdit(t.range.start, model.text.slice(t.range.start, t.range.end), parts.join('.'));
      if (e) edits.push(e);
    }
  }
  return edits.sort((x, y) => x.start - y.start);
}

/** Result of {@link renumber}. */
export interface RenumberResult {
  readonly edits: OffsetEdit[];
  /** Clause labels that change. */
  readonly renumbered: number;
  /** References that change. */
  readonly references: number;
}

/**
 * Renumbers a section (by its number, e.g. `2`) or, without one, the whole body. Returns no edits
 * when the numbering is already consecutive or the section does not exist.
 */
export function renumber(model: DocumentModel, sectionNumber?: string): RenumberResult {
  let section: RegNode | undefined;
  if (sectionNumber !== undefined && sectionNumber !== '') {
    section = sectionByNumber(model, sectionNumber);
    if (!section) return { edits: [], renumbered: 0, references: 0 };
  }
  const plan = renumberPlan(model, section);
  for (const [n, parts] of [...plan]) if (parts.join('.') === n.number!.text) plan.delete(n);
  const edits = planEdits(model, plan);
  const labels = [...plan.keys()].map((n) => n.number!.range);
  const renumbered = edits.filter((e) => labels.some((r) => e.start >= r.start && e.start <= r.end)).length;
  return { edits, renumbered, references: edits.length - renumbered };
}

/**
 * The plan that shifts whole sections by `by` (after a section is inserted before them): each
 * section's number and the matching first part of its clauses and sub-clauses.
 */
export function shiftPlan(model: DocumentModel, sections: readonly RegNode[], by: number): NumberPlan {
  const plan: NumberPlan = new Map();
  for (const s of sections) {
    if (!isRenumberable(s) || s.number!.parts.length !== 1) continue;
    const old = s.number!.parts[0]!;
    plan.set(s, [old + by]);
    for (const n of model.nodes) {
      if (n === s || !isRenumberable(n) || !isDescendant(n, s)) continue;
      if (n.number!.parts.length > 1 && n.number!.parts[0] === old) plan.set(n, [old + by, ...n.number!.parts.slice(1)]);
    }
  }
  return plan;
}

/** The body section that contains `offset` (the deepest, i.e. the section itself), if any. */
export function sectionAt(model: DocumentModel, offset: number): RegNode | undefined {
  let hit: RegNode | undefined;
  for (const n of model.nodes) {
    if (n.kind === 'section' && isRenumberable(n) && n.range.start <= offset && offset <= n.range.end) hit = n;
  }
  return hit;
}
