/**
 * LSP wiring only: capabilities, open documents, settings, and the feature modules. Each feature
 * lives in `lsp/<feature>.ts` and registers its handlers (each isolated by `guard`); adding a
 * feature is one line in {@link FEATURES}.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as codeActions from './lsp/codeActions';
import * as commands from './lsp/commands';
import * as completion from './lsp/completion';
import * as definition from './lsp/definition';
import * as documentLinks from './lsp/documentLinks';
import { LARGE_DOCUMENT, MAX_ANALYZED_LENGTH, shouldLint, type RegisterFeature, type ServerContext } from './lsp/context';
import * as diagnostics from './lsp/diagnostics';
import * as folding from './lsp/folding';
import * as hover from './lsp/hover';
import * as references from './lsp/references';
import * as rename from './lsp/rename';
import { guardNotification } from './lsp/guard';
import * as symbols from './lsp/symbols';
import { createRegulationService, type ILogger, type IRegulationService } from './service';
import { SETTINGS_SECTION, SettingsStore } from './settings';

/** The features, in registration order. Add a feature here. */
const FEATURES: readonly RegisterFeature[] = [
  diagnostics.register,
  codeActions.register,
  symbols.register,
  folding.register,
  hover.register,
  completion.register,
  definition.register,
  references.register,
  documentLinks.register,
  rename.register,
  commands.register,
];

/** Options of {@link startServer} (tests may inject a service). */
export interface StartOptions {
  readonly service?: IRegulationService;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Wires the language server onto a connection and starts listening. */
export function startServer(connection: Connection, options: StartOptions = {}): void {
  const logger: ILogger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  const service = options.service ?? createRegulationService({ logger });
  const documents = new TextDocuments(TextDocument);
  const settingsListeners: Array<() => void> = [];
  let capabilities: ClientCapabilities = {};
  let folders: WorkspaceFolder[] = [];
  let settings: SettingsStore | undefined;
  /** Whether a document reads as a regulation, per version (detection runs once per version). */
  const detected = new Map<string, { version: number; regulation: boolean }>();
  /** Open documents over {@link MAX_ANALYZED_LENGTH} (the notice is logged once per document). */
  const tooLarge = new Set<string>();

  const settingsChanged = (): void => {
    settings?.clear();
    for (const listener of settingsListeners) {
      try {
        listener();
      } catch (error) {
        logger.error(`settings listener failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }
  };

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities ?? {};
    folders = params.workspaceFolders
      ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    const init = isObject(params.initializationOptions) ? params.initializationOptions : {};
    const store = new SettingsStore({
      logger,
      configuration: capabilities.workspace?.configuration
        ? { getConfiguration: (item) => connection.workspace.getConfiguration(item) as Promise<unknown> }
        : undefined,
      workspaceFolders: () => folders.map((f) => f.uri),
    });
    settings = store;
    const clientFiltersDocuments = init['clientFiltersDocuments'] === true;

    const ctx: ServerContext = {
      connection,
      documents,
      service,
      settings: store,
      logger,
      clientCapabilities: capabilities,
      clientFiltersDocuments,
      async analyze(uri, token, onSkip) {
        if (!documents.get(uri)) {
          onSkip?.('not-open');
          return undefined;
        }
        const resource = await store.get(uri);
        const document = documents.get(uri); // the newest version after the wait
        if (!document) {
          onSkip?.('not-open');
          return undefined;
        }
        if (token?.isCancellationRequested) {
          onSkip?.('cancelled');
          return undefined;
        }
        const length = document.getText().length;
        if (length > MAX_ANALYZED_LENGTH) {
          if (!tooLarge.has(uri)) {
            tooLarge.add(uri);
            logger.warn(`${uri}: документ слишком большой для проверки (${length} символов, предел ${MAX_ANALYZED_LENGTH}); проверьте его командой normokontrol check`);
          }
          onSkip?.('too-large');
          return undefined;
        }
        tooLarge.delete(uri);
        const detector = {
          isRegulation: (text: string): boolean => {
            const hit = detected.get(uri);
            if (hit && hit.version === document.version) return hit.regulation;
            const regulation = service.isRegulation(text);
            detected.set(uri, { version: document.version, regulation });
            return regulation;
          },
        };
        if (!shouldLint(document, resource, detector, clientFiltersDocuments)) {
          onSkip?.('not-regulation');
          return undefined;
        }
        let analysis;
        if (length > LARGE_DOCUMENT) {
          const version = document.version;
          const superseded = (): boolean => documents.get(uri)?.version !== version;
          analysis = await service.analyzeAsync(document, resource.settings, {
            get isCancellationRequested() { return token?.isCancellationRequested === true || superseded(); },
          });
          if (superseded() && token?.isCancellationRequested !== true) {
            onSkip?.('superseded');
            return undefined;
          }
        } else analysis = service.analyze(document, resource.settings, token);
        if (token?.isCancellationRequested) {
          onSkip?.('cancelled');
          return undefined;
        }
        return { document, analysis, settings: resource };
      },
      onSettingsChanged(listener) {
        settingsListeners.push(listener);
      },
    };

    const result: ServerCapabilities = {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const register of FEATURES) Object.assign(result, register(ctx));
    return { capabilities: result, serverInfo: { name: 'normokontrol' } };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) => logger.warn(`didChangeConfiguration registration failed: ${String(error)}`));
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.normokontrol.json' }] })
        .catch((error: unknown) => logger.warn(`didChangeWatchedFiles registration failed: ${String(error)}`));
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(guardNotification(logger, 'didChangeWorkspaceFolders', (e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f.uri)), ...e.added];
        settingsChanged();
      }));
    }
  });

  connection.onDidChangeConfiguration(guardNotification(logger, 'didChangeConfiguration', (params) => {
    settings?.setGlobal(params.settings);
    settingsChanged();
  }));
  connection.onDidChangeWatchedFiles(guardNotification(logger, 'didChangeWatchedFiles', () => settingsChanged()));

  documents.onDidClose(guardNotification(logger, 'didClose', (e) => {
    service.forget(e.document.uri);
    settings?.forget(e.document.uri);
    detected.delete(e.document.uri);
    tooLarge.delete(e.document.uri);
  }));

  documents.listen(connection);
  connection.listen();
}
