/**
 * Clean drafts and planted role defects (issue 3 «Measured by»): every clean draft in
 * `test/fixtures/drafts/clean/` gives no warning or error of the roles/* rules; a copy with one
 * planted role defect — a word of the other institution kind or a role that does not exist, in
 * the inflected form and capitalisation of the word it replaces — is reported on the right line,
 * and fixing the copy with the roles rules restores the exact original text.
 * Defects are planted at the first, middle and last occurrence of each role word in each draft,
 * cycling the capitalisation (as written, Capitalised, UPPER), so the figures measure the rules,
 * not a hand-picked case.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeRoles, coordinatedKeys, findWord, replacementEdit, type RoleMention } from '../../server/src/analysis/roleMentions';
import { rolesData, wordParadigm } from '../../server/src/analysis/rolesData';
import { chooseFormKey, inflectLike } from '../../server/src/morph';
import rolesRules from '../../server/src/rules/roles';
import { createRegulationService } from '../../server/src/service';
import { FIXTURES } from '../helpers/fixtures';

const service = createRegulationService({ rules: rolesRules });
const DRAFTS = path.join(FIXTURES, 'drafts', 'clean');
const DATA = rolesData(undefined);

/** What to plant instead of a word, per institution kind: [original word id, planted word or non-existent role id, expected rule]. */
const PLANS: Record<'school' | 'college', Array<[string, string, string]>> = {
  school: [
    ['class-teacher', 'curator', 'roles/institution-mismatch'],
    ['class-teacher', 'class-director', 'roles/unknown-role'],
    ['teacher', 'lecturer', 'roles/institution-mismatch'],
    ['learner', 'student', 'roles/institution-mismatch'],
  ],
  college: [
    ['curator', 'class-teacher', 'roles/institution-mismatch'],
    ['curator', 'class-director', 'roles/unknown-role'],
    ['group-curator', 'class-teacher', 'roles/institution-mismatch'],
    ['lecturer', 'teacher', 'roles/institution-mismatch'],
    ['lecturer', 'subject-teacher', 'roles/institution-mismatch'],
    ['student', 'pupil', 'roles/institution-mismatch'],
  ],
};

interface Plant {
  readonly draft: string;
  readonly original: string;
  readonly planted: string;
  readonly line: number;
  readonly ruleId: string;
  /** The replaced word is the act's own word for the role, so the fix can restore it exactly. */
  readonly exact: boolean;
  readonly what: string;
}

function drafts(): Array<{ name: string; text: string }> {
  return fs.readdirSync(DRAFTS).filter((f) => f.endsWith('.md')).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(DRAFTS, f), 'utf8') }));
}

function paradigmOf(id: string) {
  const ref = findWord(DATA, id);
  if (ref) return wordParadigm(ref.word);
  const bad = DATA.nonexistent.find((n) => n.id === id);
  assert.ok(bad, `unknown id ${id}`);
  return wordParadigm(bad);
}

/** Applies a capitalisation style to a mention in the clean text (the styled text is the new original). */
function styled(text: string, m: RoleMention, style: number): { text: string; mentionText: string } {
  const s = m.text;
  const restyled = style === 1 ? s[0]!.toUpperCase() + s.slice(1) : style === 2 ? s.toUpperCase() : s;
  return { text: text.slice(0, m.start) + restyled + text.slice(m.end), mentionText: restyled };
}

function plants(): Plant[] {
  const out: Plant[] = [];
  for (const d of drafts()) {
    const analysis = service.analyzeText(d.text);
    const ra = analyzeRoles(analysis.model, d.text, analysis.knowledge);
    const kind = ra.institution.kind;
    if (kind === 'unknown') continue;
    let n = 0;
    for (const [from, to, ruleId] of PLANS[kind]) {
      // At most three positions per draft and plan (first, middle, last): enough to vary forms
      // and capitalisation, cheap enough for the unit suite.
      const at = ra.mentions.filter((m) => m.word?.id === from);
      const picked = [...new Set([0, at.length >> 1, at.length - 1])].filter((i) => i >= 0 && i < at.length).map((i) => at[i]!);
      for (const m of picked) {
        if (!m.word) continue;
        const style = n++ % 3;
        const { text: original, mentionText } = styled(d.text, m, style);
        const mm = { ...m, end: m.start + mentionText.length, text: mentionText };
        const target = paradigmOf(to);
        const { key } = chooseFormKey(target, mm, original, coordinatedKeys(ra.mentions, m, d.text));
        const edit = replacementEdit(original, mm, inflectLike(target, key, mentionText));
        const planted = original.slice(0, edit.start) + edit.newText + original.slice(edit.end);
        const line = (original.slice(0, mm.start).match(/\r\n|\r|\n/g) ?? []).length;
        out.push({ draft: d.name, original, planted, line, ruleId, exact: !m.word.variantOf, what: `${d.name}:${line + 1} «${mentionText}» → «${edit.newText}»` });
      }
    }
  }
  return out;
}

describe('roles/* on clean drafts with planted defects', function () {
  this.timeout(120000);

  it('has at least six clean drafts of both kinds', () => {
    const kinds = drafts().map((d) => {
      const a = service.analyzeText(d.text);
      return analyzeRoles(a.model, d.text, a.knowledge).institution.kind;
    });
    assert.ok(kinds.length >= 6, `only ${kinds.length} clean drafts`);
    assert.ok(kinds.includes('school') && kinds.includes('college'), kinds.join(', '));
  });

  it('reports no warning or error on the clean drafts', () => {
    for (const d of drafts()) {
      const bad = service.analyzeText(d.text).findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
      assert.deepEqual(bad.map((f) => `${f.ruleId}: ${f.message}`), [], d.name);
    }
  });

  const all = plants();
  const missed: string[] = [];
  const wrong: string[] = [];
  const unfixed: string[] = [];
  let exactCount = 0;
  before(() => {
    for (const p of all) {
      const a = service.analyzeText(p.planted);
      if (!a.findings.some((f) => f.ruleId === p.ruleId && a.model.lineAt(f.range.start) === p.line)) missed.push(p.what);
      const fixed = service.fixAll(p.planted);
      if (p.exact) {
        exactCount++;
        if (fixed.text !== p.original) wrong.push(p.what);
      }
      // Fixed point: no finding with a fix that fix-all would apply is left.
      const fixable = fixed.findings.filter((f) => (f.fixes ?? []).some((x) => x.preferred !== false));
      if (fixable.length > 0) unfixed.push(`${p.what}: ${fixable.map((f) => f.message).join('; ')}`);
    }
  });

  it('plants enough defects to measure', () => {
    // eslint-disable-next-line no-console
    console.log(`      roles planted: ${all.length} defects, missed ${missed.length}; exactly fixable ${exactCount}, not restored ${wrong.length}`);
    assert.ok(all.length >= 50, `only ${all.length} planted defects`);
  });

  it('finds ≥ 95% of the planted defects on the right line, by the right rule', () => {
    const ratio = 1 - missed.length / all.length;
    assert.ok(ratio >= 0.95, `found ${(ratio * 100).toFixed(1)}% of ${all.length}; missed:\n${missed.join('\n')}`);
  });

  it('restores the exact original text in ≥ 95% of the exactly-fixable cases', () => {
    assert.ok(exactCount > 0);
    const ratio = 1 - wrong.length / exactCount;
    if (process.env.ROLES_DEBUG) console.log(wrong.join("\n"));
    assert.ok(ratio >= 0.95, `restored ${(ratio * 100).toFixed(1)}% of ${exactCount}; wrong:\n${wrong.join('\n')}`);
  });

  it('leaves no fixable roles finding after fixing (fixed point)', () => {
    assert.deepEqual(unfixed, []);
  });
});
