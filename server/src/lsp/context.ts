/**
 * What every LSP feature module receives: the connection, the open documents, the service, the
 * settings, the client's capabilities — and one way to get a document's analysis.
 *
 * A feature is a module `lsp/<feature>.ts` exporting `register(ctx): ServerCapabilities`
 * (the capabilities it adds); `server.ts` lists the features, one line each.
 */
import type {
  CancellationToken,
  ClientCapabilities,
  Connection,
  ServerCapabilities,
  TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, ILogger, IRegulationService } from '../service';
import type { ResourceSettings, SettingsStore } from '../settings';

/** A document with its analysis for its current version. */
export interface AnalyzedDocument {
  readonly document: TextDocument;
  readonly analysis: DocumentAnalysis;
  readonly settings: ResourceSettings;
}

/** Why a document gets no analysis. */
export type SkipReason = 'not-open' | 'not-regulation' | 'cancelled' | 'too-large' | 'superseded';

/**
 * Documents longer than this (UTF-16 code units) are analysed with {@link IRegulationService.analyzeAsync}:
 * the analysis yields between rules, so edits keep arriving, and a newer version stops the stale
 * run (reason `superseded`). No debounce at any size: the newest version is analysed at once.
 */
export const LARGE_DOCUMENT = 200 * 1024;

/**
 * Longest document (UTF-16 code units) the server analyses. Analysis is synchronous: a 10 MB
 * document would block every other request for tens of seconds, so larger documents get no
 * diagnostics (a notice is logged once per document) and the server stays responsive. Drafts are
 * 10–100 KB; the CLI has no such limit.
 */
export const MAX_ANALYZED_LENGTH = 2_000_000;

/** The server state shared by the feature modules. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: IRegulationService;
  readonly settings: SettingsStore;
  readonly logger: ILogger;
  readonly clientCapabilities: ClientCapabilities;
  /**
   * True when the client said it selects the documents itself
   * (`initializationOptions.clientFiltersDocuments`): every document it sends is linted.
   */
  readonly clientFiltersDocuments: boolean;
  /**
   * Analyses the current version of an open document (cached per version and settings by the
   * service). The version is the one current after the settings arrived, so a caller must
   * compare `document.version` with `analysis.version` before converting offsets (documents are
   * updated in place). Resolves to undefined when the document is not open, is a Markdown file
   * that does not read as a regulation (see {@link shouldLint}), the token was cancelled, or (large
   * documents) a newer version arrived meanwhile; `onSkip` learns why.
   */
  analyze(uri: string, token?: CancellationToken, onSkip?: (reason: SkipReason) => void): Promise<AnalyzedDocument | undefined>;
  /** Subscribes to settings changes (after caches were dropped). */
  onSettingsChanged(listener: () => void): void;
}

/** A feature module's entry point: installs handlers, returns the capabilities it adds. */
export type RegisterFeature = (ctx: ServerContext) => ServerCapabilities;

const MARKDOWN_EXT = /\.(md|markdown|mdown|mkd|mkdn)$/i;

/**
 * Which documents are linted. The client decides what to send (VS Code filters by detection and
 * globs); the server additionally skips Markdown documents that do not read as regulations, so a
 * generic editor attaching the server to every Markdown file gets no noise. Always linted:
 * `*.reg.md`, any document when `normokontrol.lintAllMarkdown` is true, and documents of other
 * languages (a client that sends them meant it). A client that filters documents itself (by
 * content and globs, as the VS Code extension does) passes `clientFiltersDocuments: true` in
 * `initializationOptions`, and then every document it sends is linted.
 */
export function shouldLint(
  doc: { uri: string; languageId: string; getText(): string },
  settings: ResourceSettings,
  detector: Pick<IRegulationService, 'isRegulation'>,
  clientFiltersDocuments = false,
): boolean {
  if (clientFiltersDocuments) return true;
  const uri = doc.uri.replace(/[?#].*$/, '');
  if (/\.reg\.md$/i.test(uri)) return true;
  if (settings.lintAllMarkdown) return true;
  const markdown = doc.languageId === 'markdown' || MARKDOWN_EXT.test(uri);
  if (!markdown) return true;
  return detector.isRegulation(doc.getText());
}
