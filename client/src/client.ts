/**
 * LanguageClient construction and lifetime: server options, document selector, middleware that
 * decides which Markdown files are linted, the output channel, restart and fix-all.
 *
 * Why middleware and not a dynamic `documentSelector`: the selector of a LanguageClient is fixed
 * when the client starts (changing it means restarting the server), and a `DocumentFilter` can
 * only look at language, scheme and path — never at the text. Whether a Markdown file is a
 * regulation depends on its content, which changes while the user types (a fresh buffer becomes a
 * regulation once «ПОЛОЖЕНИЕ» and two clauses are written). So the selector stays broad
 * (`markdown` on `file` and `untitled`), every Markdown document is synchronised to the server
 * (cheap: text sync only), and the middleware gates what the user sees: diagnostics (pull and
 * push), code actions, symbols, folding and the other document features return nothing for a
 * document the gate rejects, and the server is not even asked. A document that turns into a
 * regulation needs no re-open dance: the next pull goes through.
 *
 * The server has its own gate for editors that send it every Markdown file (`*.reg.md`,
 * `normokontrol.lintAllMarkdown`, or the same `looksLikeRegulation` detector); it does not know
 * the include/exclude globs. This client passes `initializationOptions.clientFiltersDocuments`,
 * so the server lints whatever the client asks about and the single source of the decision is
 * {@link decide} in `gate.ts` — which uses the very same detector, so both gates agree wherever
 * both apply.
 *
 * Language configuration: `package.json` contributes `language-configuration.json` for the
 * existing `markdown` language id (no new id, no file extensions), so the built-in Markdown
 * preview and features keep working. VS Code loads every configuration file contributed for a
 * language id and merges them field by field, the later registration winning per field
 * (`combineLanguageConfigurations` in `languageConfigurationRegistry.ts`). Ours therefore keeps
 * Markdown's own values for the fields it sets (comments, brackets, pairs) and adds «» „“ and a
 * word pattern that keeps clause numbers `1.2.3` and Cyrillic words whole; fields it does not set
 * (folding, on-enter rules) stay Markdown's.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  vsdiag,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { decide, isRegMd, type GateDecision } from './gate';

/** Configuration section and client id; `normokontrol.trace.server` is read by the library. */
export const SECTION = 'normokontrol';
export const DISPLAY_NAME = 'Нормоконтроль';
/** The code-action kind of "fix everything fixable", advertised by the server. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('normokontrol');

/** What `activate` returns (used by the integration tests). */
export interface NormokontrolApi {
  /** Resolves once the language server has started (or failed to start). */
  readonly ready: Promise<void>;
  /** True when the document is linted (the gate's current answer). */
  isLinted(document: vscode.TextDocument): boolean;
}

/** Glob lists from the settings; anything that is not a non-empty string is ignored. */
function globs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.length > 0) : [];
}

/**
 * True when the document matches one of the globs, either as written (absolute or `**` patterns,
 * matched against the full path) or relative to the document's workspace folder (`docs/*.md`).
 */
function matchesAny(document: vscode.TextDocument, patterns: readonly string[]): boolean {
  if (patterns.length === 0 || document.uri.scheme === 'untitled') return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  for (const pattern of patterns) {
    if (vscode.languages.match({ pattern }, document) > 0) return true;
    if (folder && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, pattern) }, document) > 0) return true;
  }
  return false;
}

/** The gate with a per-`uri@version` cache; cleared when settings change. */
export class DocumentGate {
  readonly #cache = new Map<string, { version: number; decision: GateDecision }>();

  constructor(private readonly log: (message: string) => void) {}

  /** The decision for a document (Markdown only; other languages are never linted). */
  decision(document: vscode.TextDocument): GateDecision {
    const key = document.uri.toString();
    const cached = this.#cache.get(key);
    if (cached && cached.version === document.version) return cached.decision;
    let decision: GateDecision;
    if (document.languageId !== 'markdown') {
      decision = { lint: false, reason: 'not-a-regulation' };
    } else {
      const config = vscode.workspace.getConfiguration(SECTION, document.uri);
      decision = decide(
        { enable: config.get<boolean>('enable', true) !== false, lintAllMarkdown: config.get<boolean>('lintAllMarkdown', false) === true },
        {
          fileName: document.uri.scheme === 'untitled' ? document.uri.toString() : document.fileName,
          included: matchesAny(document, globs(config.get('include'))),
          excluded: matchesAny(document, globs(config.get('exclude'))),
          text: () => document.getText(),
        },
      );
    }
    if (cached?.decision.lint !== decision.lint) {
      this.log(`${decision.lint ? 'Проверяется' : 'Не проверяется'}: ${document.uri.toString(true)} (${decision.reason})`);
    }
    this.#cache.set(key, { version: document.version, decision });
    return decision;
  }

  lints(document: vscode.TextDocument): boolean {
    return this.decision(document).lint;
  }

  /** For a URI without an open document (pull for an unopened tab): only `*.reg.md` qualifies. */
  lintsUri(uri: vscode.Uri): boolean {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) return this.lints(document);
    return isRegMd(uri.path) && vscode.workspace.getConfiguration(SECTION, uri).get<boolean>('enable', true) !== false;
  }

  forget(uri: vscode.Uri): void {
    this.#cache.delete(uri.toString());
  }

  clear(): void {
    this.#cache.clear();
  }
}

/** Middleware: every document feature goes through the gate. */
function createMiddleware(gate: DocumentGate): Middleware {
  const empty: vsdiag.FullDocumentDiagnosticReport = { kind: vsdiag.DocumentDiagnosticReportKind.full, items: [] };
  return {
    provideDiagnostics: (document, previousResultId, token, next) => {
      const lints = document instanceof vscode.Uri ? gate.lintsUri(document) : gate.lints(document);
      // An empty full report (not `undefined`) clears what a former regulation showed.
      return lints ? next(document, previousResultId, token) : empty;
    },
    handleDiagnostics: (uri, diagnostics, next) => next(uri, gate.lintsUri(uri) ? diagnostics : []),
    provideCodeActions: (document, range, context, token, next) => (gate.lints(document) ? next(document, range, context, token) : []),
    provideDocumentSymbols: (document, token, next) => (gate.lints(document) ? next(document, token) : []),
    provideFoldingRanges: (document, context, token, next) => (gate.lints(document) ? next(document, context, token) : []),
    provideHover: (document, position, token, next) => (gate.lints(document) ? next(document, position, token) : undefined),
    provideCompletionItem: (document, position, context, token, next) => (gate.lints(document) ? next(document, position, context, token) : []),
    provideDefinition: (document, position, token, next) => (gate.lints(document) ? next(document, position, token) : undefined),
    provideReferences: (document, position, options, token, next) => (gate.lints(document) ? next(document, position, options, token) : []),
    provideDocumentLinks: (document, token, next) => (gate.lints(document) ? next(document, token) : []),
    provideCodeLenses: (document, token, next) => (gate.lints(document) ? next(document, token) : []),
    provideInlayHints: (document, range, token, next) => (gate.lints(document) ? next(document, range, token) : []),
    didClose: (document, next) => {
      gate.forget(document.uri);
      return next(document);
    },
  };
}

/** Owns the output channel, the gate and the (re-creatable) LanguageClient. */
export class RegulationClient implements vscode.Disposable {
  readonly output: vscode.OutputChannel;
  readonly gate: DocumentGate;
  readonly ready: Promise<void>;
  #client: LanguageClient | undefined;
  readonly #disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(DISPLAY_NAME);
    this.gate = new DocumentGate((m) => this.output.appendLine(m));
    this.#disposables.push(
      this.output,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.gate.clear();
        this.refreshDiagnostics();
      }),
      vscode.workspace.onWillSaveTextDocument((e) => {
        if (e.reason === vscode.TextDocumentSaveReason.AfterDelay) return; // not while auto-saving mid-typing
        if (e.document.languageId !== 'markdown') return;
        if (!vscode.workspace.getConfiguration(SECTION, e.document.uri).get<boolean>('fixAllOnSave', false)) return;
        e.waitUntil(this.fixAllEdits(e.document));
      }),
    );
    this.ready = this.start();
  }

  /** The running client, if any. */
  get client(): LanguageClient | undefined {
    return this.#client;
  }

  #create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'markdown', scheme: 'file' },
        { language: 'markdown', scheme: 'untitled' },
      ],
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // The middleware below decides which documents are linted (content, globs, switches).
      initializationOptions: { clientFiltersDocuments: true },
      synchronize: {
        // Without a dynamic registration from the server the client would send no
        // didChangeConfiguration at all; the server still pulls the values per resource.
        configurationSection: SECTION,
        fileEvents: vscode.workspace.createFileSystemWatcher('**/.normokontrol.json'),
      },
      initializationFailedHandler: (error) => {
        this.output.appendLine(`Сервер не запустился: ${error instanceof Error ? error.message : String(error)}`);
        this.output.show(true);
        return false;
      },
      // errorHandler is left out on purpose: the default one restarts a crashed server
      // (up to 4 times in 3 minutes) and then tells the user.
      middleware: createMiddleware(this.gate),
    };
    return new LanguageClient(SECTION, DISPLAY_NAME, serverOptions, clientOptions);
  }

  /** Creates (if needed) and starts the client; failures go to the output channel. */
  async start(): Promise<void> {
    this.#client ??= this.#create();
    try {
      await this.#client.start();
    } catch (error) {
      this.output.appendLine(`Не удалось запустить сервер: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Restarts the server. A client whose start failed cannot be started again (the library
   * refuses: "Previous start failed"), so it is disposed and a new one is created.
   */
  async restart(): Promise<void> {
    const old = this.#client;
    if (old && old.state === State.Running) {
      try {
        await old.restart();
        this.output.appendLine('Сервер перезапущен');
        return;
      } catch (error) {
        this.output.appendLine(`Перезапуск не удался, клиент создаётся заново: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.#client = undefined;
    if (old) {
      try {
        await old.dispose(2000);
      } catch {
        // A client that never started has nothing to stop.
      }
    }
    this.gate.clear();
    await this.start();
    this.output.appendLine(this.client?.state === State.Running ? 'Сервер запущен заново' : 'Сервер не запустился; подробности выше');
  }

  /** Asks VS Code to pull diagnostics again (after a change of the gate's settings). */
  refreshDiagnostics(): void {
    const feature = this.#client?.isRunning() ? this.#client.getFeature('textDocument/diagnostic') : undefined;
    if (!feature) return;
    const seen = new Set<unknown>();
    for (const document of vscode.workspace.textDocuments) {
      if (document.languageId !== 'markdown') continue;
      const provider = feature.getProvider(document);
      if (!provider || seen.has(provider)) continue;
      seen.add(provider);
      provider.onDidChangeDiagnosticsEmitter.fire();
    }
  }

  /**
   * The edits of the server's `source.fixAll.normokontrol` action for a linted document, or none.
   * Goes through VS Code's code-action machinery so the diagnostics context is the real one.
   */
  async fixAllEdits(document: vscode.TextDocument): Promise<vscode.TextEdit[]> {
    if (!this.#client?.isRunning() || !this.gate.lints(document)) return [];
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    try {
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
        'vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value, 10,
      );
      for (const action of actions ?? []) {
        if (!('kind' in action) || !action.kind || !FIX_ALL_KIND.contains(action.kind) || !action.edit) continue;
        const edits = action.edit.get(document.uri);
        if (edits.length > 0) return edits;
      }
    } catch (error) {
      this.output.appendLine(`Исправление всего документа не удалось: ${error instanceof Error ? error.message : String(error)}`);
    }
    return [];
  }

  async dispose(): Promise<void> {
    for (const d of this.#disposables.splice(0)) d.dispose();
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      try {
        await client.dispose(2000);
      } catch {
        // Stopping a client that never started throws; nothing to clean up then.
      }
    }
  }
}
