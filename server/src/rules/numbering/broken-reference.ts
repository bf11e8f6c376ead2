/**
 * numbering/broken-reference
 *
 * What it checks: every internal cross-reference — «пункт 1.2», «пункте 1.2», «подпункт 3.1.2»,
 * «п. 2.3», «пп. 1.1–1.3», «пунктами 2.1, 2.3 и 2.5», «раздел 4», «приложении № 1» — points at a
 * part that exists in the act. Citations of other acts («п. 2 ст. 30 Федерального закона»,
 * «пункта 2 Правил …», «подпункт "а" пункта 2 «Положения об инфраструктуре …»») are not internal
 * references and are not checked (see `model/references.ts`).
 * Why: a reference to a clause that does not exist makes the norm unenforceable — the reader
 * cannot tell what it refers to; it usually remains after clauses were deleted or renumbered.
 * Options: none.
 * Fix: none here (which clause was meant is for the author); renumbering with the
 * `normokontrol.renumber` command updates references together with the numbers.
 */
import { referencesOf } from '../../model/references';
import { defineRule } from '../types';
import { textWords } from '../text/typo';

const NAMES = { clause: 'пункт', subclause: 'подпункт', section: 'раздел', appendix: 'приложение' } as const;

export default defineRule({
  id: 'numbering/broken-reference',
  description: 'Ссылка на пункт, раздел или приложение, которого нет в документе',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    const { model } = ctx;
    // The word runs `text/typo` and `text/mixed-script` share: reference words are looked up among them.
    const refs = referencesOf(model, textWords(ctx).starts);
    for (const ref of refs) {
      if (ref.kind === 'appendix' && model.appendices.length === 0) {
        // The appendices may be separate files: a warning, not an error.
        for (const t of ref.targets) {
          if (t.implicit || t.node) continue;
          ctx.report({ range: t.range, message: `Ссылка на приложение № ${t.number}, а приложений в документе нет`, severity: 'warning' });
        }
        continue;
      }
      if (ref.appendixNumber !== undefined && !ref.appendix) {
        // «пункт 2 приложения № 3» where appendix 3 does not exist: reported on the appendix reference itself.
        continue;
      }
      for (const t of ref.targets) {
        if (t.implicit || t.node) continue;
        const name = t.parts.length === 1 && ref.kind !== 'appendix' && ref.kind !== 'section' ? 'пункт' : NAMES[ref.kind];
        const where = ref.appendix ? ` в приложении № ${ref.appendix.number?.text ?? ''}` : '';
        const what = ref.kind === 'appendix' ? `приложение № ${t.number}` : `${name} ${t.number}`;
        ctx.report({ range: t.range, message: `Ссылка на ${what}, которого нет${where || ' в документе'}` });
      }
    }
  },
});
