/**
 * The transport-free façade: one engine for the CLI, the language server and the tests.
 *
 * Architecture Invariant: nothing under `service/`, `model/`, `rules/`, `syntax/` or `knowledge/`
 * imports `vscode-languageserver` or does I/O; only `lsp/` and `server.ts` speak the protocol,
 * only `cli/` touches the file system.
 */
import type { Root } from 'mdast';
import { normalizeSettings, today, type Settings } from '../config';
import { getKnowledge } from '../knowledge';
import type { Knowledge } from '../knowledge/types';
import { buildModel } from '../model/clauseTree';
import { defaultBlockParser, type BlockParser } from '../model/lines';
import { looksLikeRegulation } from '../model/detect';
import type { DocumentModel } from '../model/types';
import { allRules } from '../rules';
import type { Finding, Rule } from '../rules/types';
import { createIncrementalParseState, parseIncremental, type IncrementalParseState } from '../syntax/incremental';
import { parseMarkdown, type ParseResult } from '../syntax/parse';
import { applyEdits, collectFixAllEdits } from '../util/edits';
import { runRules, runRulesAsync, type ICancellationToken, type RunInput } from './engine';
import { nullLogger, type ILogger } from './logger';
import { buildOutline, type OutlineNode } from './outline';

export type { ICancellationToken } from './engine';
export type { ILogger } from './logger';
export type { OutlineNode } from './outline';

/** The structural document the service needs; `vscode-languageserver-textdocument` satisfies it. */
export interface ITextDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** Everything derived from one version of a document. */
export interface DocumentAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** The remark tree (mdast), parsed on first access. */
  readonly tree: Root;
  readonly model: DocumentModel;
  readonly findings: readonly Finding[];
  readonly asOf: string;
  readonly settings: Settings;
  readonly knowledge: Knowledge;
  /** Problems of the parse (empty normally; known once {@link tree} was read). */
  readonly problems: readonly string[];
}

/** Result of {@link IRegulationService.fixAll}. */
export interface FixAllResult {
  readonly text: string;
  /** Rounds that changed the text. */
  readonly rounds: number;
  /** Fixes applied over all rounds. */
  readonly applied: number;
  /** Findings of the final text. */
  readonly findings: readonly Finding[];
}

/** The regulation language service. */
export interface IRegulationService {
  /** The rules this service runs, in registry order. */
  readonly rules: readonly Rule[];
  /** Analyses a document; cached per `uri@version` and settings. */
  analyze(doc: ITextDocument, settings?: Settings, token?: ICancellationToken): DocumentAnalysis;
  /**
   * {@link analyze} that yields to the event loop between rules (large documents in the language
   * server): messages keep flowing, and a cancelled `token` (a newer version arrived) stops the
   * run early; a cancelled analysis is not cached. Same findings as {@link analyze}.
   */
  analyzeAsync(doc: ITextDocument, settings?: Settings, token?: ICancellationToken): Promise<DocumentAnalysis>;
  /**
   * Analyses a text without caching. `model`, when given, is the text's model as `buildModel`
   * makes it, built elsewhere (the CLI builds models on a second thread).
   */
  analyzeText(text: string, settings?: Settings, uri?: string, model?: DocumentModel): DocumentAnalysis;
  /** Applies preferred fixes round by round until nothing fixable remains (at most `maxRounds`). */
  fixAll(text: string, settings?: Settings, maxRounds?: number): FixAllResult;
  /** The outline of an analysed document. */
  outline(analysis: DocumentAnalysis): OutlineNode[];
  /** True when a Markdown text reads as a regulation (title word + numbered clauses). */
  isRegulation(text: string): boolean;
  /** Drops cached state of a document (on close). */
  forget(uri: string): void;
}

/** Options of {@link createRegulationService}. */
export interface ServiceOptions {
  readonly logger?: ILogger;
  /** Rules to run (default: all registered rules). */
  readonly rules?: readonly Rule[];
  /**
   * Block parser of the model: the fast line scanner (default) or remark (the reference, for
   * debugging and differential tests; also `NORMOKONTROL_PARSER=remark`). Either way
   * {@link DocumentAnalysis.tree} / `RuleContext.tree` is the remark tree, parsed on first access.
   */
  readonly parser?: BlockParser;
}

const EMPTY_SETTINGS: Settings = normalizeSettings({});

/**
 * The remark tree of a text, parsed on first read (by the rules' context, an analysis' reader).
 *
 * A class, as is {@link Analysis}, rather than closures over the analysis' variables: with an
 * arrow function that captured the text and the model (even one never called), V8 kept every
 * analysed draft's text and model alive through the next young-generation GC, and most were
 * promoted to the old space: a CLI run's scavenges copied and promoted three times as much.
 */
class LazyTree {
  private parsed: ParseResult | undefined;

  constructor(
    private readonly text: string,
    private readonly uri: string,
    private readonly logger: ILogger,
    private readonly incremental: IncrementalParseState | undefined,
  ) {}

  get result(): ParseResult {
    if (!this.parsed) {
      this.parsed = this.incremental ? parseIncremental(this.incremental, this.text) : parseMarkdown(this.text);
      for (const p of this.parsed.problems) this.logger.warn(`${this.uri}: ${p}`);
    }
    return this.parsed;
  }

  get tree(): Root {
    return this.result.tree;
  }

  /** The parse's problems; none before the tree was read. */
  get problems(): readonly string[] {
    return this.parsed ? this.parsed.problems : [];
  }
}

/** An analysis: what the rules were given, their findings, and the tree on demand. */
class Analysis implements DocumentAnalysis {
  readonly text: string;
  readonly model: DocumentModel;
  readonly asOf: string;
  readonly settings: Settings;
  readonly knowledge: Knowledge;

  constructor(
    readonly uri: string,
    readonly version: number,
    input: RunInput,
    readonly findings: readonly Finding[],
    private readonly source: LazyTree,
  ) {
    this.text = input.text;
    this.model = input.model;
    this.asOf = input.asOf;
    this.settings = input.settings;
    this.knowledge = input.knowledge;
  }

  get tree(): Root {
    return this.source.tree;
  }

  get problems(): readonly string[] {
    return this.source.problems;
  }
}

/** Creates the service. */
export function createRegulationService(options: ServiceOptions = {}): IRegulationService {
  const logger = options.logger ?? nullLogger;
  const rules = options.rules ?? allRules;
  const failedRules = new Set<string>();
  const cache = new Map<string, { version: number; key: string; analysis: DocumentAnalysis }>();

  /** Per open document: the chunks of its last parse, so an edit re-parses only what it touched. */
  const parses = new Map<string, IncrementalParseState>();

  const parser = options.parser ?? defaultBlockParser();

  /** Everything of an analysis but its findings; {@link Analysis} adds them. */
  const prepare = (uri: string, text: string, settings: Settings, token?: ICancellationToken, incremental?: IncrementalParseState, built?: DocumentModel) => {
    // The remark tree is parsed only when someone reads it (no rule does by default): the model
    // comes from the fast block scanner. With `parser: 'remark'` it is parsed up front and the
    // model is built from it.
    const tree = new LazyTree(text, uri, logger, incremental);
    const model = built ?? (parser === 'remark' ? buildModel(text, tree.tree) : buildModel(text));
    const knowledge = getKnowledge(settings.knowledge);
    const asOf = settings.asOf ?? today();
    const input: RunInput = { text, model, lazyTree: tree, settings, knowledge, asOf, rules, logger, token, failedRules };
    return { input, tree };
  };

  const compute = (uri: string, version: number, text: string, settings: Settings, token?: ICancellationToken, incremental?: IncrementalParseState, built?: DocumentModel): DocumentAnalysis => {
    const { input, tree } = prepare(uri, text, settings, token, incremental, built);
    return new Analysis(uri, version, input, runRules(input), tree);
  };

  const cacheKey = (settings: Settings): string => JSON.stringify(settings) + '|' + (settings.asOf ?? today());
  const parseStateOf = (uri: string): IncrementalParseState => {
    let state = parses.get(uri);
    if (!state) parses.set(uri, (state = createIncrementalParseState()));
    return state;
  };

  const service: IRegulationService = {
    rules,
    analyze(doc, settings = EMPTY_SETTINGS, token) {
      const key = cacheKey(settings);
      const hit = cache.get(doc.uri);
      if (hit && hit.version === doc.version && hit.key === key) return hit.analysis;
      const analysis = compute(doc.uri, doc.version, doc.getText(), settings, token, parseStateOf(doc.uri));
      if (!token?.isCancellationRequested) cache.set(doc.uri, { version: doc.version, key, analysis });
      return analysis;
    },
    async analyzeAsync(doc, settings = EMPTY_SETTINGS, token) {
      const key = cacheKey(settings);
      const hit = cache.get(doc.uri);
      if (hit && hit.version === doc.version && hit.key === key) return hit.analysis;
      // Documents are updated in place (LSP): read uri, version and text before the first await.
      const { uri, version } = doc;
      const { input, tree } = prepare(uri, doc.getText(), settings, token, parseStateOf(uri));
      const analysis = new Analysis(uri, version, input, await runRulesAsync(input), tree);
      const current = cache.get(uri);
      if (!token?.isCancellationRequested && !(current && current.version > version)) cache.set(uri, { version, key, analysis });
      return analysis;
    },
    analyzeText(text, settings = EMPTY_SETTINGS, uri = 'untitled:draft.md', model) {
      return compute(uri, 0, text, settings, undefined, undefined, model);
    },
    fixAll(text, settings = EMPTY_SETTINGS, maxRounds = 10) {
      let current = text;
      let rounds = 0;
      let applied = 0;
      let analysis = compute('untitled:fix', 0, current, settings);
      while (rounds < maxRounds) {
        const edits = collectFixAllEdits(analysis.findings);
        if (edits.length === 0) break;
        const next = applyEdits(current, edits);
        if (next === current) break;
        current = next;
        rounds++;
        applied += edits.length;
        analysis = compute('untitled:fix', rounds, current, settings);
      }
      return { text: current, rounds, applied, findings: analysis.findings };
    },
    outline(analysis) {
      return buildOutline(analysis.model);
    },
    isRegulation(text) {
      return looksLikeRegulation(text);
    },
    forget(uri) {
      cache.delete(uri);
      parses.delete(uri);
    },
  };
  return Object.freeze(service);
}
