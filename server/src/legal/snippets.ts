/**
 * Basis-list snippets generated from the acts registry (`scripts/generate-legal-snippets.mjs`
 * writes `snippets/legal-basis.code-snippets`; a test checks the committed file equals this
 * output, so data and snippets never drift).
 *
 * Offered: acts with confidence verified/partial whose history ends «in force» (no known end —
 * a snippet is static, an act with a known end would go stale inside it). One snippet per act
 * (`нк-273`: the kind word as a choice of nominative / genitive / instrumental) and two whole
 * basis clauses (`нк-основание`, `нк-основание-max`) from the acts marked `basis`.
 */
import { kindForm } from './grammar';
import { canonicalCitation, compareDates, requisites } from './registry';
import type { ActRecord, ActsData, GrammaticalCase } from './types';

/** One VS Code snippet. */
export interface Snippet {
  readonly prefix: string;
  readonly body: string[];
  readonly description: string;
}

const CASES: readonly GrammaticalCase[] = ['nom', 'gen', 'ins'];

/** Escapes snippet syntax (`$`, `}`, `\`) in literal text. */
function lit(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Escapes a choice option (`,`, `|` too). */
function choice(s: string): string {
  return lit(s).replace(/[,|]/g, (c) => `\\${c}`);
}

/** True when the act can go into a static snippet. */
export function snippetable(act: ActRecord): boolean {
  if (act.confidence === 'unverified' || act.history.length === 0) return false;
  const last = [...act.history].sort((a, b) => compareDates(a.from, b.from)).pop()!;
  return last.status === 'in-force';
}

function prefixOf(act: ActRecord): string {
  const n = (act.number ?? act.code ?? act.id).replace(/-ФЗ$/u, '').toLowerCase();
  return `нк-${n}`;
}

/** The snippets, keyed by their names, in registry order. */
export function buildLegalSnippets(data: ActsData): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  const acts = data.acts.filter(snippetable);
  for (const act of acts) {
    const kinds = CASES.map((c) => choice(kindForm(act.kind, c)));
    const rest = canonicalCitation(data, act, 'nom').slice(kindForm(act.kind, 'nom').length);
    out[`Ссылка: ${requisites(data, act)}`] = {
      prefix: prefixOf(act),
      body: [`\${1|${kinds.join(',')}|}${lit(rest)}$0`],
      description: `${canonicalCitation(data, act)} (справочник актов normokontrol)`,
    };
  }
  const basis = (max: boolean): Snippet => {
    const list = acts.filter((a) => a.basis === 'always' || (max && a.basis === 'max'));
    return {
      prefix: max ? 'нк-основание-max' : 'нк-основание',
      body: [
        '${1:1.2}. Положение разработано в соответствии с:',
        '',
        ...list.map((a, i) => `- ${lit(canonicalCitation(data, a, 'ins'))}${i === list.length - 1 ? '${2:.}' : ';'}`),
        '$0',
      ],
      description: `Пункт о нормативном основании: ${list.map((a) => a.number ?? a.code).join(', ')}`,
    };
  };
  out['Нормативное основание'] = basis(false);
  out['Нормативное основание (MAX)'] = basis(true);
  return out;
}

/** The file text: JSON with two-space indentation and a final newline. */
export function legalSnippetsFile(data: ActsData): string {
  return JSON.stringify(buildLegalSnippets(data), null, 2) + '\n';
}
