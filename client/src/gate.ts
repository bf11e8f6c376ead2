/**
 * Which Markdown documents the extension lints. Pure (no `vscode` import) so that mocha tests it
 * directly; the glob matching that needs the editor is done by the caller and passed in as facts.
 *
 * The same content detector as the server's (`looksLikeRegulation`) is imported, so the client
 * and the server agree on what a regulation is; esbuild inlines it into `dist/client.js`.
 */
import { looksLikeRegulation } from '../../server/src/model/detect';

/** The settings that decide the gate, read per resource. */
export interface GateSettings {
  /** `normokontrol.enable`. */
  readonly enable: boolean;
  /** `normokontrol.lintAllMarkdown`. */
  readonly lintAllMarkdown: boolean;
}

/** What the caller knows about one document. */
export interface GateFacts {
  /** File name or path (`untitled:Untitled-1` for a new buffer). */
  readonly fileName: string;
  /** The document matches one of `normokontrol.include`. */
  readonly included: boolean;
  /** The document matches one of `normokontrol.exclude`. */
  readonly excluded: boolean;
  /** The text, read only when the decision depends on content. */
  text(): string;
}

/** Why a document is or is not linted (shown in the output channel when tracing). */
export type GateReason = 'disabled' | 'excluded' | 'reg-md' | 'all-markdown' | 'included' | 'content' | 'not-a-regulation';

export interface GateDecision {
  readonly lint: boolean;
  readonly reason: GateReason;
}

/** True for `*.reg.md` (any case), the naming convention that always opts a file in. */
export function isRegMd(fileName: string): boolean {
  return /\.reg\.md$/i.test(fileName);
}

/**
 * Decides whether a Markdown document is linted. Order matters: `enable: false` and an explicit
 * exclusion win over everything; `*.reg.md`, `lintAllMarkdown` and the include globs opt a file in
 * whatever it contains; otherwise the content decides (title word + numbered clauses).
 */
export function decide(settings: GateSettings, facts: GateFacts): GateDecision {
  if (!settings.enable) return { lint: false, reason: 'disabled' };
  if (facts.excluded) return { lint: false, reason: 'excluded' };
  if (isRegMd(facts.fileName)) return { lint: true, reason: 'reg-md' };
  if (settings.lintAllMarkdown) return { lint: true, reason: 'all-markdown' };
  if (facts.included) return { lint: true, reason: 'included' };
  return looksLikeRegulation(facts.text()) ? { lint: true, reason: 'content' } : { lint: false, reason: 'not-a-regulation' };
}
