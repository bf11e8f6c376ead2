/**
 * Inline suppression: `<!-- normokontrol-disable-next-line RULE -->`, `<!-- normokontrol-disable-line RULE -->`,
 * `<!-- normokontrol-disable RULE -->` … `<!-- normokontrol-enable RULE -->`. A RULE may be an id
 * (`numbering/duplicate`) or a family (`numbering`); no RULE means every rule.
 */
import type { DocumentModel } from '../model/types';
import type { Finding } from './types';

function matches(ids: readonly string[], ruleId: string): boolean {
  if (ids.length === 0) return true;
  return ids.some((id) => id === ruleId || ruleId.startsWith(id.replace(/\/$/, '') + '/'));
}

/** Returns a predicate telling whether a finding is suppressed by a directive. */
export function suppressionFilter(model: DocumentModel): (f: Finding) => boolean {
  const directives = model.directives;
  if (directives.length === 0) return () => false;
  return (f: Finding): boolean => {
    const line = model.lineAt(f.range.start);
    let disabled = false;
    for (const d of directives) {
      if (d.kind === 'disable-next-line') {
        // The next line that is not itself a directive or blank.
        let target = d.line + 1;
        while (target < model.lines.length && (model.lines[target]!.block === 'blank' || model.lines[target]!.block === 'html')) target++;
        if (target === line && matches(d.rules, f.ruleId)) return true;
      } else if (d.kind === 'disable-line') {
        if (d.line === line && matches(d.rules, f.ruleId)) return true;
      } else if (d.range.start <= f.range.start && matches(d.rules, f.ruleId)) {
        disabled = d.kind === 'disable';
      }
    }
    return disabled;
  };
}
