/**
 * Internal cross-references and defined terms (model/references.ts): every form the issue names
 * resolves to the right clause; citations of other acts are not taken for internal references.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../../server/src/model/clauseTree';
import { findDefinedTerms, findReferences, termOccurrences } from '../../server/src/model/references';
import { createRegulationService } from '../../server/src/service';
import { prepareRenameAt, renameEdits } from '../../server/src/service/navigation';
import { roleCompletions } from '../../server/src/service/roleCompletion';
import { applyEdits } from '../../server/src/util/edits';
import { joinLines, SHARED_CORPUS } from '../helpers/fixtures';

const DOC = joinLines(
  'ПОЛОЖЕНИЕ',
  'об использовании ИКОП «Сферум» (далее – Положение)',
  '',
  '1. Общие положения',
  '1.1. Термины приведены в пункте 1.2.',
  '1.2. Порядок, указанный в пункт 1.2, и пунктом 1.3 настоящего Положения.',
  '1.3. См. подпункт 3.1.2 и п. 2.3, а также пп. 1–3.',
  '2. Организация работы',
  '2.1. Исполняются пп. 1.1–1.3 и пунктами 2.1, 2.3 и 2.5.',
  '2.2. Раздел 4 дополняет разделе 4 и раздел 3.',
  '2.3. Форма — Приложение № 1, образец — в приложении № 1.',
  '2.4. Правильно: пункта 2 приложения № 1.',
  '3. Права',
  '3.1. Права.',
  '3.1.2. Подпункт.',
  '4. Заключительные положения',
  '4.1. Вступает в силу.',
  'Приложение № 1 к Положению об использовании ИКОП «Сферум»',
  '1. Форма.',
  '2. Подпись.',
  '',
);

/** `written number → target line (1-based)` or `→ ?` when unresolved. */
function resolved(text: string): string[] {
  const model = buildModel(text);
  return findReferences(model).flatMap((r) => r.targets.filter((t) => !t.implicit).map((t) => `${r.word} ${t.number} → ${t.node ? t.node.line + 1 : '?'}`));
}

describe('cross-references', () => {
  it('resolves every form of a reference to its clause, section or appendix', () => {
    assert.deepEqual(resolved(DOC), [
      'пункте 1.2 → 6',
      'пункт 1.2 → 6',
      'пунктом 1.3 → 7',
      'подпункт 3.1.2 → 15',
      'п. 2.3 → 11',
      'пп. 1 → 4',
      'пп. 3 → 13',
      'пп. 1.1 → 5',
      'пп. 1.3 → 7',
      'пунктами 2.1 → 9',
      'пунктами 2.3 → 11',
      'пунктами 2.5 → ?',
      'Раздел 4 → 16',
      'разделе 4 → 16',
      'раздел 3 → 13',
      'Приложение 1 → 18',
      'приложении 1 → 18',
      'пункта 2 → 20',
      'приложения 1 → 18',
    ]);
  });

  it('expands ranges to the members in between', () => {
    const model = buildModel(DOC);
    const range = findReferences(model).find((r) => r.word === 'пп.' && r.targets.some((t) => t.number === '1.1'))!;
    assert.deepEqual(range.targets.map((t) => `${t.number}${t.implicit ? '*' : ''}`), ['1.1', '1.2*', '1.3']);
    assert.equal(range.targets[1]!.node?.line, 5);
  });

  it('does not take citations of other acts for internal references', () => {
    const text = joinLines(
      'ПОЛОЖЕНИЕ',
      '',
      '1. Общие положения',
      '1.1. В соответствии с п. 2 ст. 30 Федерального закона и частью 3 статьи 30.',
      '1.2. Постановление № 1241 о внесении изменения в подпункт "а" пункта 2 «Положения об инфраструктуре, обеспечивающей взаимодействие».',
      '1.3. С учетом пункта 2 Правил применения электронного обучения и пункта 5 приказа Минпросвещения.',
      '1.4. Изменения в подпункт «а» пункта 2 положения об инфраструктуре.',
      '1.5. Согласно пункту 1.1 настоящего Положения.',
      '',
    );
    assert.deepEqual(resolved(text), ['пункту 1.1 → 4']);
  });

  it('finds no internal references in the normative-basis lists of the real drafts that are not there', () => {
    for (const name of ['sopk-max-2025.md', 'rpl-poryadok-2025.md', 'sosh14-sferum-2024.md']) {
      const file = path.join(SHARED_CORPUS, name);
      if (!fs.existsSync(file)) continue;
      assert.deepEqual(resolved(fs.readFileSync(file, 'utf8')).filter((r) => !/^[Пп]риложени/.test(r)), [], name);
    }
  });

  it('skips dates, codes and the clause labels themselves', () => {
    const text = joinLines('ПОЛОЖЕНИЕ', '', 'Раздел 1. Общие положения', '1.1. Пункт 12.07.2025 и раздел 273-ФЗ не ссылки.', '');
    assert.deepEqual(resolved(text), []);
  });
});

describe('defined terms', () => {
  it('reads «(далее – …)» with several terms and nested quotes', () => {
    const text = joinLines('ПОЛОЖЕНИЕ', '', '1. Общие положения', '1.1. Платформа «Сферум» (далее – ИКОП «Сферум», образовательная платформа) и лицей (далее - «Лицей»).', '1.2. ИКОП «Сферум» используется Лицеем; лицей — это ИКОП «Сферум».', '');
    const model = buildModel(text);
    assert.deepEqual(findDefinedTerms(model).map((t) => t.text), ['ИКОП «Сферум»', 'образовательная платформа', 'Лицей']);
    assert.equal(termOccurrences(model, 'ИКОП «Сферум»').length, 3);
    // Whole words only, either case of the first letter: «Лицеем» is another word.
    assert.deepEqual(termOccurrences(model, 'Лицей').map((r) => text.slice(r.start, r.end)), ['лицей', 'Лицей', 'лицей']);
  });
});

describe('rename and completion (service/navigation, service/roleCompletion)', () => {
  const service = createRegulationService();
  const text = joinLines(
    'ПОЛОЖЕНИЕ',
    'об использовании ИКОП «Сферум» в ГБПОУ «Энский колледж»',
    '',
    '1. Общие положения',
    '1.1. Платформа «Сферум» (далее – ИКОП «Сферум») используется студентами колледжа.',
    '1.2. Куратор создает чат; ИКОП «Сферум» доступна кураторам и преподавателям.',
    '',
  );

  it('renames a defined abbreviation everywhere, plainly', () => {
    const analysis = service.analyzeText(text);
    const at = text.indexOf('ИКОП «Сферум»)') + 2;
    assert.equal(prepareRenameAt(analysis, at)?.placeholder, 'ИКОП «Сферум»');
    const edits = renameEdits(analysis, at, 'Платформа')!;
    assert.equal(edits.length, 3);
    assert.equal(applyEdits(text, edits).split('\n')[5], '1.2. Куратор создает чат; Платформа доступна кураторам и преподавателям.');
  });

  it('renames a role with its inflected forms and capitals', () => {
    const analysis = service.analyzeText(text);
    const edits = renameEdits(analysis, text.indexOf('Куратор') + 1, 'классный руководитель')!;
    assert.equal(applyEdits(text, edits).split('\n')[5], '1.2. Классный руководитель создает чат; ИКОП «Сферум» доступна классным руководителям и преподавателям.');
    assert.equal(prepareRenameAt(analysis, text.indexOf('создает') + 1), undefined, 'a plain word is not renamable');
  });

  it('completes role words of the institution kind and defined terms', () => {
    const typed = text.replace('Куратор создает', 'Куратор и пре создает').replace('ИКОП «Сферум» доступна', 'ИК доступна');
    const analysis = service.analyzeText(typed);
    const roles = roleCompletions(analysis, typed.indexOf('пре создает') + 3).map((c) => c.label);
    assert.ok(roles.includes('преподаватель') && roles.includes('преподавателями'), roles.join(', '));
    const terms = roleCompletions(analysis, typed.indexOf('ИК доступна') + 2).map((c) => c.label);
    assert.ok(terms.includes('ИКОП «Сферум»'), terms.join(', '));
  });
});
