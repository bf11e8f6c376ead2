/**
 * Facts of a text that several rules share and that depend on nothing but the text, its model and
 * (some of them) the built-in knowledge. The CLI's model feed computes them on its second thread,
 * with the model (`cli/models.ts`); the engine takes them as the memos its rules would compute.
 * Each is made by the very function the rules call: the findings are the same either way
 * (`test/unit/text-facts.test.ts`).
 */
import { findMentions, PLATFORM_MENTIONS_MEMO } from '../analysis/platform';
import { wordRuns } from '../analysis/script';
import { protectedZones } from '../analysis/zones';
import { getKnowledge } from '../knowledge';
import type { DocumentModel, OffsetRange } from '../model/types';
import { FLAT_TEXTS_MEMO, flatTexts, SEARCHABLE_TEXT_MEMO, searchableOf } from '../rules/structure/required-elements';
import { TEXT_WORDS_MEMO } from '../rules/text/typo';

export interface TextFacts {
  /** Memos (key, value) that depend on the text and its model only. */
  readonly memos: ReadonlyArray<readonly [string, unknown]>;
  /** Memos computed with the built-in knowledge: for analyses without knowledge of their own. */
  readonly builtinMemos: ReadonlyArray<readonly [string, unknown]>;
  /** The protected zones of the model. */
  readonly zones: OffsetRange[];
}

/** The facts of `text` and its model. */
export function computeTextFacts(text: string, model: DocumentModel): TextFacts {
  const zones = protectedZones(model, text);
  const flat = flatTexts(text);
  return {
    memos: [[TEXT_WORDS_MEMO, wordRuns(text)], [FLAT_TEXTS_MEMO, flat], [SEARCHABLE_TEXT_MEMO, searchableOf(flat)]],
    builtinMemos: [[PLATFORM_MENTIONS_MEMO, findMentions(model, text, getKnowledge())]],
    zones,
  };
}

/** The buffers of `facts` that can change threads instead of being copied. */
export function transferablesOf(facts: TextFacts): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const [, value] of facts.memos) {
    if (value && typeof value === 'object') {
      for (const v of Object.values(value)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
    }
  }
  return out;
}
