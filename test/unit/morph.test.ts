/**
 * Morphology: the generated forms table (server/data/forms.json) is complete, matches what
 * `az` generates today, and every inflected word is parsed back by `az` to its case and number;
 * hand-written forms spot-check the generator; the runtime finds forms in real text and
 * produces replacements that keep case, number and capitalisation.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { chooseFormKey, findForms, FORM_KEYS, inflectLike, literalParadigm, paradigm, paradigmIds, replacementFor, type Paradigm } from '../../server/src/morph';

const ROOT = path.resolve(__dirname, '../../..');
const PHRASES = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/data/phrases.json'), 'utf8')) as { phrases: { id: string; text: string }[] };
const FORMS_TEXT = fs.readFileSync(path.join(ROOT, 'server/data/forms.json'), 'utf8');

interface Generator {
  loadAz(): Promise<unknown>;
  generate(az: unknown, data: unknown): { forms: Record<string, { lemma: string; forms: Record<string, string> }>; problems: string[] };
  verifyParadigm(az: unknown, id: string, forms: Record<string, string>): string[];
}

function p(id: string): Paradigm {
  const found = paradigm(id);
  assert.ok(found, `no paradigm ${id}`);
  return found;
}

describe('morph: forms.json', () => {
  it('has every phrase of phrases.json, with its lemma, and nothing stale', () => {
    const ids = PHRASES.phrases.map((x) => x.id).sort();
    assert.deepEqual(paradigmIds().sort(), ids);
    for (const phrase of PHRASES.phrases) {
      const par = p(phrase.id);
      assert.equal(par.lemma, phrase.text);
      assert.ok((par.forms['nomn,sing'] ?? par.forms['nomn,plur']) !== undefined, phrase.id);
    }
  });

  it('matches forms written by hand', () => {
    const expect: [string, string, string][] = [
      ['role.class-teacher', 'gent,sing', 'классного руководителя'],
      ['role.class-teacher', 'datv,sing', 'классному руководителю'],
      ['role.class-teacher', 'ablt,sing', 'классным руководителем'],
      ['role.class-teacher', 'loct,sing', 'классном руководителе'],
      ['role.class-teacher', 'nomn,plur', 'классные руководители'],
      ['role.class-teacher', 'ablt,plur', 'классными руководителями'],
      ['role.curator', 'ablt,plur', 'кураторами'],
      ['role.curator', 'accs,sing', 'куратора'],
      ['role.lecturer', 'datv,sing', 'преподавателю'],
      ['role.teacher', 'nomn,plur', 'учителя'],
      ['role.subject-teacher', 'ablt,plur', 'учителями-предметниками'],
      ['role.master', 'gent,sing', 'мастера производственного обучения'],
      ['role.master', 'datv,plur', 'мастерам производственного обучения'],
      ['role.schoolchild', 'ablt,plur', 'учащимися'],
      ['role.learner', 'datv,sing', 'обучающемуся'],
      ['role.parent-legal', 'datv,plur', 'родителям (законным представителям)'],
      ['role.pedagogical-worker', 'gent,plur', 'педагогических работников'],
      ['role.platform-admin', 'ablt,sing', 'администратором ИКОП «Сферум»'],
      ['role.study-group', 'accs,sing', 'учебную группу'],
      ['role.class', 'accs,sing', 'класс'],
    ];
    for (const [id, key, form] of expect) assert.equal(p(id).forms[key], form, `${id} ${key}`);
  });

  it('has twelve forms for every person role', () => {
    for (const id of paradigmIds().filter((x) => x.startsWith('role.'))) {
      assert.deepEqual(Object.keys(p(id).forms).sort(), [...FORM_KEYS].sort(), id);
    }
  });

  describe('checked with az (OpenCorpora)', function () {
    this.timeout(60000);
    let gen: Generator;
    let az: unknown;
    before(async () => {
      gen = (await import(pathToFileURL(path.join(ROOT, 'scripts/generate-forms.mjs')).href)) as Generator;
      az = await gen.loadAz();
    });

    it('regenerating from phrases.json gives the committed forms.json', () => {
      const { forms, problems } = gen.generate(az, PHRASES);
      assert.deepEqual(problems, []);
      const committed = JSON.parse(FORMS_TEXT) as Record<string, unknown>;
      delete committed['$comment'];
      assert.deepEqual(forms, committed, 'forms.json is out of date: run npm run generate:forms');
    });

    it('parses every inflected word of every form back to the form\'s case and number', () => {
      const problems = paradigmIds().flatMap((id) => gen.verifyParadigm(az, id, { ...p(id).forms }));
      assert.deepEqual(problems, []);
    });

    it('rejects a form in the wrong case (the check can fail)', () => {
      const broken = { ...p('role.class-teacher').forms, 'datv,sing': 'классного руководителя' };
      assert.ok(gen.verifyParadigm(az, 'broken', broken).length > 0);
    });
  });
});

describe('morph: findForms', () => {
  const ct = (): Paradigm => p('role.class-teacher');

  it('finds every inflected form, case-insensitively, with its key', () => {
    const text = 'Классный руководитель и КЛАССНЫМ РУКОВОДИТЕЛЕМ; о классных руководителях.';
    const found = findForms(text, ct());
    assert.deepEqual(found.map((m) => [m.text, m.form]), [
      ['Классный руководитель', 'nomn,sing'],
      ['КЛАССНЫМ РУКОВОДИТЕЛЕМ', 'ablt,sing'],
      ['классных руководителях', 'loct,plur'],
    ]);
    assert.equal(text.slice(found[1]!.start, found[1]!.end), 'КЛАССНЫМ РУКОВОДИТЕЛЕМ');
  });

  it('allows NBSP and line breaks between words and ё for е', () => {
    const text = 'классного\u00a0руководителя, классным\r\n  руководителем, учащиёся';
    assert.equal(findForms(text, ct()).length, 2);
    assert.deepEqual(findForms('Учёт: обучающиёся, учащийся', p('role.learner')).map((m) => m.form), ['nomn,plur']);
  });

  it('matches whole words only', () => {
    const teacher = p('role.teacher');
    assert.deepEqual(findForms('учитель-предметник, учительская, «Учительская», учителями', teacher).map((m) => m.text), ['учителями']);
    assert.deepEqual(findForms('-учитель проводит', teacher).map((m) => m.text), ['учитель']);
    assert.deepEqual(findForms('учителя-предметники', p('role.subject-teacher')).map((m) => m.form), ['nomn,plur']);
  });

  it('reports all keys of an ambiguous form and honours from/to', () => {
    const [m] = findForms('от куратора', p('role.curator'));
    assert.deepEqual(m!.forms, ['gent,sing', 'accs,sing']);
    const text = 'куратор, куратор, куратор';
    assert.equal(findForms(text, p('role.curator'), 1).length, 2);
    assert.equal(findForms(text, p('role.curator'), 0, 8).length, 1);
  });

  it('works with a literal paradigm', () => {
    assert.equal(findForms('Тьютор и тьютор', literalParadigm('x', 'тьютор')).length, 2);
  });
});

describe('morph: inflectLike and chooseFormKey', () => {
  it('keeps case, number and capitalisation', () => {
    const ct = p('role.class-teacher');
    assert.equal(inflectLike(ct, 'ablt,sing', 'Куратором'), 'Классным руководителем');
    assert.equal(inflectLike(ct, 'nomn,sing', 'КУРАТОР'), 'КЛАССНЫЙ РУКОВОДИТЕЛЬ');
    assert.equal(inflectLike(ct, 'loct,plur', 'кураторах'), 'классных руководителях');
    assert.equal(inflectLike(p('role.curator'), 'gent,sing', 'Классного Руководителя'), 'Куратора');
    assert.equal(inflectLike(ct, 'nomn,plur', 'Кураторы Групп'), 'Классные Руководители');
    assert.equal(inflectLike(p('role.platform-admin'), 'datv,sing', 'Куратору'), 'Администратору ИКОП «Сферум»');
  });

  it('keeps the separators of the replaced text when the word counts agree', () => {
    assert.equal(inflectLike(p('role.class-teacher'), 'gent,sing', 'классного\u00a0директора'), 'классного\u00a0руководителя');
    assert.equal(inflectLike(p('role.class-teacher'), 'gent,sing', 'классного\nдиректора'), 'классного\nруководителя');
  });

  it('chooses the key by the preposition when the target forms differ', () => {
    const student = p('role.student');
    const text = 'об обучающихся; о несовершеннолетних обучающихся; для обучающихся; обучающихся';
    const found = findForms(text, p('role.learner'));
    assert.deepEqual(found.map((m) => replacementFor(text, m, student).text), ['студентах', 'студентах', 'студентов', 'студентов']);
    assert.deepEqual(chooseFormKey(p('role.class-teacher'), found[3]!, text), { key: 'gent,plur', certain: true });
  });

  it('round-trips any form of one person role into another and back', () => {
    const ids = ['role.class-teacher', 'role.curator', 'role.teacher', 'role.lecturer', 'role.pupil', 'role.student', 'role.subject-teacher'];
    fc.assert(fc.property(
      fc.constantFrom(...ids), fc.constantFrom(...ids), fc.constantFrom(...FORM_KEYS), fc.constantFrom<'lower' | 'first' | 'upper'>('lower', 'first', 'upper'),
      (a, b, key, caps) => {
        const A = p(a);
        const B = p(b);
        let original = A.forms[key]!;
        if (caps === 'upper') original = original.toUpperCase();
        if (caps === 'first') original = original[0]!.toUpperCase() + original.slice(1);
        const text = `Сообщение: ${original} получает ссылку.`;
        const [m] = findForms(text, A);
        assert.ok(m && m.forms.includes(key));
        const planted = text.slice(0, m.start) + inflectLike(B, key, m.text) + text.slice(m.end);
        const [back] = findForms(planted, B);
        assert.ok(back);
        const restored = planted.slice(0, back.start) + inflectLike(A, chooseFormKey(A, back, planted).key, back.text) + planted.slice(back.end);
        // Exact unless the two roles merge distinct forms of A into one surface of B.
        const ambiguous = new Set(back.forms.map((k) => A.forms[k])).size > 1;
        if (!ambiguous) assert.equal(restored, text);
      },
    ), { numRuns: 300 });
  });
});
