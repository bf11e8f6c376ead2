/**
 * Completion of role words and defined terms at the cursor: the word being typed is completed to
 * every inflected form of the role words of the act's institution kind («кл» → «классный
 * руководитель», «классного руководителя», … in a school; «куратор», «куратора» … in a college)
 * and to the terms the act defines with «(далее – X)». Offset-based and transport-free.
 */
import { analyzeRoles, fits } from '../analysis/roleMentions';
import { wordParadigm } from '../analysis/rolesData';
import type { OffsetRange } from '../model/types';
import { FORM_KEYS, normalizeForm } from '../morph';
import type { DocumentAnalysis } from './index';
import { definedTermsOf } from './navigation';

/** One completion. */
export interface RoleCompletion {
  readonly label: string;
  /** What replaces {@link range}. */
  readonly insertText: string;
  /** The typed prefix. */
  readonly range: OffsetRange;
  readonly detail: string;
  readonly kind: 'role' | 'term';
}

const CASE_RU: Readonly<Record<string, string>> = {
  nomn: 'им. п.', gent: 'род. п.', datv: 'дат. п.', accs: 'вин. п.', ablt: 'твор. п.', loct: 'предл. п.',
};
const NUMBER_RU: Readonly<Record<string, string>> = { sing: 'ед. ч.', plur: 'мн. ч.' };

function describeKey(key: string): string {
  const [c, n] = key.split(',');
  return `${CASE_RU[c!] ?? c} ${NUMBER_RU[n!] ?? n}`;
}

const MAX_ITEMS = 40;

/** The word being typed before `offset`: letters and inner hyphens on the same line. */
export function prefixAt(text: string, offset: number): OffsetRange & { text: string } {
  let start = offset;
  while (start > 0 && /[\p{L}\-‐]/u.test(text[start - 1]!)) start--;
  while (start < offset && /[-‐]/.test(text[start]!)) start++;
  return { start, end: offset, text: text.slice(start, offset) };
}

function capitalizeLike(prefix: string, form: string): string {
  if (prefix.length >= 2 && prefix === prefix.toUpperCase() && prefix !== prefix.toLowerCase()) return form.toUpperCase();
  const first = prefix[0];
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) return form[0]!.toUpperCase() + form.slice(1);
  return form;
}

/** Completions at `offset`: role forms of the act's institution kind and defined terms matching the typed prefix. */
export function roleCompletions(analysis: DocumentAnalysis, offset: number): RoleCompletion[] {
  const text = analysis.text;
  if (offset < 0 || offset > text.length) return [];
  const prefix = prefixAt(text, offset);
  if (prefix.text.length < 2) return [];
  const want = normalizeForm(prefix.text);
  const out: RoleCompletion[] = [];
  const seen = new Set<string>();
  const push = (form: string, detail: string, kind: RoleCompletion['kind']): void => {
    const label = kind === 'term' ? form : capitalizeLike(prefix.text, form);
    const key = normalizeForm(label);
    if (seen.has(key) || key === want) return;
    seen.add(key);
    out.push({ label, insertText: label, range: { start: prefix.start, end: prefix.end }, detail, kind });
  };
  for (const term of definedTermsOf(analysis)) {
    if (normalizeForm(term.text).startsWith(want)) push(term.text, 'термин акта («далее – …»)', 'term');
  }
  const roles = analyzeRoles(analysis.model, text, analysis.knowledge);
  const kind = roles.institution.kind;
  for (const concept of roles.data.concepts) {
    if (concept.check === false) continue;
    for (const word of concept.words) {
      if (!fits(word, kind) || word.fixTarget === false) continue;
      const p = wordParadigm(word);
      for (const key of FORM_KEYS) {
        const form = p.forms[key];
        if (!form || !normalizeForm(form).startsWith(want)) continue;
        push(form, `${concept.name}: ${describeKey(key)}`, 'role');
      }
    }
    if (out.length >= MAX_ITEMS) break;
  }
  return out.slice(0, MAX_ITEMS);
}
