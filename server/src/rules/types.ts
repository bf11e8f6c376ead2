/**
 * Rule contracts. Rules are pure: they read a {@link RuleContext} and report findings; they do no
 * I/O and never import `vscode-languageserver`.
 */
import type { Root } from 'mdast';
import type { DocumentModel, OffsetRange } from '../model/types';
import type { Knowledge } from '../knowledge/types';

/** Rule families, the first part of a rule id. */
export type RuleFamily = 'structure' | 'numbering' | 'roles' | 'terms' | 'legal' | 'text';

/** Severity of a finding; `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** One exact text edit on offsets of the original text. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A fix: a title (Russian, imperative) and edits that must not overlap. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  /**
   * True when the fix is the one a careful lawyer would accept without looking (used by
   * `--fix` and fix-all). Defaults to true for the first fix of a finding.
   */
  readonly preferred?: boolean;
}

/** A related location shown next to a finding ("впервые определено здесь"). */
export interface RelatedInfo {
  readonly range: OffsetRange;
  readonly message: string;
}

/** What a rule reports. */
export interface Report {
  readonly range: OffsetRange;
  /** One Russian sentence, no trailing period. */
  readonly message: string;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
  /** Overrides the configured severity for this finding only (rare: e.g. a mix-up graded by evidence). */
  readonly severity?: Severity;
  /** Extra machine-readable data (hover, code actions). */
  readonly data?: Record<string, unknown>;
}

/** A finding: a report stamped by the engine with rule id and severity. */
export interface Finding extends Report {
  readonly ruleId: string;
  readonly severity: Severity;
}

/** Everything a rule may look at. */
export interface RuleContext {
  /** The full text (BOM included when present). */
  readonly text: string;
  readonly model: DocumentModel;
  /** The Markdown tree (mdast) of the text. */
  readonly tree: Root;
  /** Rule options merged from defaults and configuration. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Date the document is checked for, ISO `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Domain knowledge (terms, roles, acts, required sections), built-in merged with workspace. */
  readonly knowledge: Knowledge;
  /** Shared per-analysis memo: rules of one family compute derived facts once. */
  memo<T>(key: string, compute: () => T): T;
  report(report: Report): void;
}

/** A rule definition. One rule per file; the file name is the rule's name. */
export interface Rule {
  /** `<family>/<kebab-name>`. */
  readonly id: string;
  /** Russian one-line description for docs, settings and the README table. */
  readonly description: string;
  readonly defaultSeverity: SeveritySetting;
  readonly fixable: boolean;
  /** Default options (JSON-compatible); documented in the rule's TSDoc. */
  readonly options?: Readonly<Record<string, unknown>>;
  check(ctx: RuleContext): void;
}

/** Identity helper that keeps rule literals type-checked. */
export function defineRule(rule: Rule): Rule {
  return Object.freeze(rule);
}
