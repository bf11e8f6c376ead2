/**
 * Runs rules over a model: per-rule isolation, severity from settings, suppression directives,
 * range validation. Transport-free.
 */
import type { Root } from 'mdast';
import type { RuleSetting, Settings } from '../config';
import type { Knowledge } from '../knowledge/types';
import type { DocumentModel, OffsetRange } from '../model/types';
import { suppressionFilter } from '../rules/suppression';
import type { Finding, Fix, Report, Rule, RuleContext, Severity, SeveritySetting } from '../rules/types';
import type { ILogger } from './logger';

const EMPTY_ROOT: Root = { type: 'root', children: [] };

/** A cancellation check; `isCancellationRequested` is read between rules. */
export interface ICancellationToken {
  readonly isCancellationRequested: boolean;
}

/** The setting that applies to a rule: its id first, then its family. */
export function ruleSetting(settings: Settings, rule: Rule): RuleSetting | undefined {
  const byId = settings.rules[rule.id];
  const byFamily = settings.rules[familyOf(rule.id)];
  if (!byId && !byFamily) return undefined;
  return { severity: byId?.severity ?? byFamily?.severity, options: { ...(byFamily?.options ?? {}), ...(byId?.options ?? {}) } };
}

/** The family part of a rule id (`terms/typo` → `terms`). */
function familyOf(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(0, slash);
}

/** The effective severity of a rule. */
export function effectiveSeverity(settings: Settings, rule: Rule): SeveritySetting {
  return ruleSetting(settings, rule)?.severity ?? rule.defaultSeverity;
}

function clampRange(r: OffsetRange, length: number): OffsetRange {
  const start = Math.max(0, Math.min(length, Math.floor(r.start)));
  const end = Math.max(start, Math.min(length, Math.floor(r.end)));
  return { start, end };
}

/** Inputs of one rule run. */
export interface RunInput {
  readonly text: string;
  readonly model: DocumentModel;
  /** The remark tree, or an object whose `tree` getter parses it on first access. */
  readonly tree?: Root;
  readonly lazyTree?: { readonly tree: Root };
  readonly settings: Settings;
  readonly knowledge: Knowledge;
  readonly asOf: string;
  readonly rules: readonly Rule[];
  readonly logger: ILogger;
  readonly token?: ICancellationToken;
  /** Rule ids that already threw once in this process (logged once). */
  readonly failedRules: Set<string>;
  /** When given, receives the milliseconds each rule took (rule id → ms; benchmarks and profiling). */
  readonly timings?: Map<string, number>;
}

/** Runs every enabled rule; returns findings sorted by position. */
export function runRules(input: RunInput): Finding[] {
  const run = startRun(input);
  for (const rule of input.rules) {
    if (input.token?.isCancellationRequested) break;
    run.step(rule);
  }
  return run.finish();
}

/**
 * {@link runRules} for large documents in the language server: between rules it yields to the
 * event loop once `sliceMs` have passed, so the server keeps reading messages (a newer version of
 * the document cancels `token` and the stale run stops at the next rule instead of blocking the
 * edits behind it). Same findings as {@link runRules}.
 */
export async function runRulesAsync(input: RunInput, sliceMs = 15): Promise<Finding[]> {
  const run = startRun(input);
  let sliceStart = performance.now();
  for (const rule of input.rules) {
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    if (input.token?.isCancellationRequested) break;
    run.step(rule);
  }
  return run.finish();
}

/** One run of the rules over one model: {@link RunState.step} per rule, then the sorted findings. */
interface RunState {
  step(rule: Rule): void;
  finish(): Finding[];
}

/** A rule's severity and options under one `settings.rules` object, resolved once. */
interface Resolved {
  readonly severity: SeveritySetting;
  readonly options: Readonly<Record<string, unknown>>;
}

const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Resolved settings per `settings.rules` object and rule: the CLI checks hundreds of files with the
 * same configuration and the server re-analyses on every keystroke, so the merge of options is
 * done once per configuration, not once per rule and document.
 */
const resolvedCache = new WeakMap<object, Map<Rule, Resolved>>();

function resolve(settings: Settings, rule: Rule): Resolved {
  let byRule = resolvedCache.get(settings.rules);
  if (!byRule) resolvedCache.set(settings.rules, (byRule = new Map()));
  let r = byRule.get(rule);
  if (!r) {
    const setting = ruleSetting(settings, rule);
    r = {
      severity: setting?.severity ?? rule.defaultSeverity,
      options: setting?.options ? { ...(rule.options ?? {}), ...setting.options } : (rule.options ?? NO_OPTIONS),
    };
    byRule.set(rule, r);
  }
  return r;
}

/**
 * The context rules see. One object per run (not one per rule): only `options` and the list the
 * reports go to change between rules.
 */
class RunContext implements RuleContext {
  options: Readonly<Record<string, unknown>> = NO_OPTIONS;
  reports: Report[] = [];
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly text: string,
    readonly model: DocumentModel,
    readonly asOf: string,
    readonly knowledge: Knowledge,
    private readonly treeSource: { readonly tree: Root },
  ) {}

  /** Lazy: remark parses only when a rule reads the tree. */
  get tree(): Root {
    return this.treeSource.tree;
  }

  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  report(r: Report): void {
    this.reports.push(r);
  }
}

function startRun(input: RunInput): RunState {
  const { text, model, settings, knowledge, asOf, logger, failedRules, timings } = input;
  const ctx = new RunContext(text, model, asOf, knowledge, input.lazyTree ?? { tree: input.tree ?? EMPTY_ROOT });
  const findings: Finding[] = [];
  const suppressed = suppressionFilter(model);
  const step = (rule: Rule): void => {
    const { severity, options } = resolve(settings, rule);
    if (severity === 'off') return;
    const reports: Report[] = [];
    ctx.options = options;
    ctx.reports = reports;
    const started = timings ? performance.now() : 0;
    try {
      rule.check(ctx);
    } catch (error) {
      if (!failedRules.has(rule.id)) {
        failedRules.add(rule.id);
        logger.error(`Rule ${rule.id} threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
      return;
    } finally {
      if (timings) timings.set(rule.id, (timings.get(rule.id) ?? 0) + performance.now() - started);
    }
    for (const r of reports) {
      const finding = stamp(r, rule.id, severity, rule.defaultSeverity, text);
      if (!suppressed(finding)) findings.push(finding);
    }
  };
  return {
    step,
    finish(): Finding[] {
      findings.sort(byPosition);
      return findings;
    },
  };
}

/**
 * A report stamped as a finding: range clamped into the text, fixes that are out of bounds or
 * change nothing dropped (a no-op fix would leave a «fixable» finding that fix-all can never
 * remove), rule id and severity added. Built property by property rather than with an object
 * spread: reports come in many shapes, and a spread over them is a slow generic copy in a cold
 * CLI run (~5 µs per finding). The finding has exactly the keys the spread gave it.
 */
function stamp(r: Report, ruleId: string, severity: SeveritySetting, defaultSeverity: SeveritySetting, text: string): Finding {
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = {
    range: clampRange(r.range, text.length),
    message: r.message,
    fixes: r.fixes && r.fixes.length > 0 ? validFixes(r.fixes, text) : undefined,
    ruleId,
    severity: (r.severity && severity === defaultSeverity ? r.severity : severity) as Severity,
  };
  if ('related' in r) finding.related = r.related;
  if ('data' in r) finding.data = r.data;
  return finding;
}

/** The fixes whose edits are all in bounds and at least one of which changes the text; undefined when none is. */
function validFixes(fixes: readonly Fix[], text: string): Fix[] | undefined {
  let valid: Fix[] | undefined;
  for (const fix of fixes) {
    let inBounds = true;
    let changes = false;
    for (const e of fix.edits) {
      if (!(e.start >= 0 && e.end >= e.start && e.end <= text.length)) {
        inBounds = false;
        break;
      }
      if (!changes && (e.end - e.start !== e.newText.length || text.slice(e.start, e.end) !== e.newText)) changes = true;
    }
    if (inBounds && changes) (valid ??= []).push(fix);
  }
  return valid;
}

/** Position order, then rule id (ids are ASCII: code-unit order, no locale collation needed). */
function byPosition(a: Finding, b: Finding): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
