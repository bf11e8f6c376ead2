/**
 * Fixes → LSP code actions: a quick fix per fix, «fix all of a rule in this file», the
 * `source.fixAll.normokontrol` action and «disable this rule for this line».
 *
 * Fixes travel in `Diagnostic.data` (offset-based, stamped with the document version); a fix is
 * refused when that version is not the document's current one (the offsets would be stale).
 */
import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, IRegulationService } from '../service';
import type { Finding, Fix, OffsetEdit } from '../rules/types';
import { collectFixAllEdits, preferredFix } from '../util/edits';
import { readDiagnosticData, SOURCE, toRange } from './toDiagnostic';

/** Our fix-all kind (a sub-kind of `source.fixAll`, as editors expect for on-save fixing). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.normokontrol`;

/** Code action kinds the server advertises. */
export const CODE_ACTION_KINDS: readonly string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll];

/** The inputs every builder needs: a document whose version equals the analysis'. */
export interface ActionInput {
  readonly document: TextDocument;
  readonly analysis: DocumentAnalysis;
  readonly capabilities: ClientCapabilities;
}

/** Offset edits → a workspace edit on the document, versioned when the client supports it. */
export function workspaceEdit(input: ActionInput, edits: readonly OffsetEdit[]): WorkspaceEdit {
  const { document, capabilities } = input;
  const textEdits: TextEdit[] = [...edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => ({ range: toRange(document, e), newText: e.newText }));
  if (capabilities.workspace?.workspaceEdit?.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: textEdits }] };
  }
  return { changes: { [document.uri]: textEdits } };
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A diagnostic of ours that belongs to the current version, with its rule and fixes. */
export interface UsableDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly ruleId: string;
  readonly fixes: readonly Fix[];
}

/**
 * Picks the client's diagnostics that are ours and current. With `data`, the version must match;
 * without it (clients that drop `data`), the finding is looked up by rule and exact range.
 */
export function usableDiagnostics(input: ActionInput, diagnostics: readonly Diagnostic[]): UsableDiagnostic[] {
  const out: UsableDiagnostic[] = [];
  const length = input.document.getText().length;
  for (const d of diagnostics) {
    if (d.source !== undefined && d.source !== SOURCE) continue;
    const data = readDiagnosticData(d.data);
    if (data) {
      if (data.version !== input.document.version) continue; // stale: refuse
      const fixes = (data.fixes ?? []).filter((f) => f.edits.every((e) => e.start >= 0 && e.start <= e.end && e.end <= length));
      out.push({ diagnostic: d, ruleId: data.ruleId, fixes });
      continue;
    }
    if (typeof d.code !== 'string' || d.source !== SOURCE) continue;
    const finding = input.analysis.findings.find((f) => f.ruleId === d.code && sameRange(toRange(input.document, f.range), d.range));
    if (finding) out.push({ diagnostic: d, ruleId: finding.ruleId, fixes: finding.fixes ?? [] });
  }
  return out;
}

/** One quick fix per fix of each diagnostic; the preferred fix of a finding is marked preferred. */
export function quickFixActions(input: ActionInput, usable: readonly UsableDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const u of usable) {
    const preferred = preferredFix({ ruleId: u.ruleId, severity: 'warning', range: { start: 0, end: 0 }, message: '', fixes: u.fixes });
    for (const fix of u.fixes) {
      if (fix.edits.length === 0) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [u.diagnostic],
        isPreferred: fix === preferred ? true : undefined,
        edit: workspaceEdit(input, fix.edits),
      });
    }
  }
  return actions;
}

function fixableFindings(findings: readonly Finding[], ruleId?: string): Finding[] {
  return findings.filter((f) => (ruleId === undefined || f.ruleId === ruleId) && preferredFix(f)?.edits.length);
}

/**
 * «Исправить все «rule» в файле» for each rule of the given diagnostics that has more than one
 * fixable finding in the file (with one, the quick fix already does it).
 */
export function fixAllOfRuleActions(input: ActionInput, usable: readonly UsableDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const u of usable) {
    if (seen.has(u.ruleId)) continue;
    seen.add(u.ruleId);
    const findings = fixableFindings(input.analysis.findings, u.ruleId);
    if (findings.length < 2) continue;
    const edits = collectFixAllEdits(findings);
    if (edits.length === 0) continue;
    actions.push({
      title: `Исправить все «${u.ruleId}» в файле`,
      kind: CodeActionKind.QuickFix,
      diagnostics: usable.filter((x) => x.ruleId === u.ruleId).map((x) => x.diagnostic),
      edit: workspaceEdit(input, edits),
    });
  }
  return actions;
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) { endB--; endA--; }
  // Never split a surrogate pair or a CRLF.
  while (start > 0 && splitsPair(before, start)) start--;
  while (endB < before.length && splitsPair(before, endB)) { endB++; endA++; }
  return { start, end: endB, newText: after.slice(start, endA) };
}

function splitsPair(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  const p = text.charCodeAt(at - 1);
  return (c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff) || (c === 10 && p === 13);
}

/**
 * `source.fixAll.normokontrol`: every preferred fix, repeated until nothing fixable remains.
 * One round → the rules' own minimal edits; more rounds → one edit spanning the changed region.
 * With `includeEmpty`, answers even when nothing is fixable (an empty edit), as on-save expects.
 */
export function fixAllAction(input: ActionInput, service: IRegulationService, includeEmpty: boolean): CodeAction | undefined {
  const text = input.document.getText();
  let edits: OffsetEdit[] = collectFixAllEdits(input.analysis.findings);
  if (edits.length > 0) {
    const result = service.fixAll(text, input.analysis.settings);
    if (result.rounds > 1) {
      const single = minimalEdit(text, result.text);
      edits = single ? [single] : [];
    }
  }
  if (edits.length === 0 && !includeEmpty) return undefined;
  return {
    title: 'Исправить все исправимые замечания normokontrol',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(input, edits),
  };
}

/**
 * «Отключить <rule> для этой строки»: a `<!-- normokontrol-disable-next-line <rule> -->` line above
 * the finding's line (indented like it, with the document's line ending); when such a directive
 * already stands right above, the rule is added to it.
 */
export function disableLineActions(input: ActionInput, usable: readonly UsableDiagnostic[]): CodeAction[] {
  const { document, analysis } = input;
  const text = document.getText();
  const model = analysis.model;
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const u of usable) {
    const line = u.diagnostic.range.start.line;
    const key = `${u.ruleId}@${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let edit: OffsetEdit;
    const above = model.directives.find((d) => d.kind === 'disable-next-line' && d.line === line - 1 && d.rules.length > 0);
    if (above && !above.rules.includes(u.ruleId)) {
      const at = above.range.end - 3; // before `-->`
      edit = { start: at, end: at, newText: text[at - 1] === ' ' ? `${u.ruleId} ` : ` ${u.ruleId} ` };
    } else {
      let start = document.offsetAt({ line, character: 0 });
      if (start === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
      const indent = /^[ \t]*/.exec(text.slice(start, start + 200))![0];
      edit = { start, end: start, newText: `${indent}<!-- normokontrol-disable-next-line ${u.ruleId} -->${model.eol}` };
    }
    actions.push({
      title: `Отключить ${u.ruleId} для этой строки`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [u.diagnostic],
      edit: workspaceEdit(input, [edit]),
    });
  }
  return actions;
}
