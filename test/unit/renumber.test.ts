/**
 * Renumbering (service/renumber.ts): consecutive numbers after an insert, a delete or a move,
 * sub-clauses following their clause, references updated in the same edit, trailing-dot style
 * kept per number, minimal edits (only changed digits).
 */
import * as assert from 'node:assert/strict';
import { buildModel } from '../../server/src/model/clauseTree';
import { createRegulationService } from '../../server/src/service';
import { renumber } from '../../server/src/service/renumber';
import { applyEdits } from '../../server/src/util/edits';
import { joinLines } from '../helpers/fixtures';

function run(text: string, section?: string): { text: string; edits: number; references: number } {
  const r = renumber(buildModel(text), section);
  return { text: applyEdits(text, r.edits), edits: r.edits.length, references: r.references };
}

describe('renumbering', () => {
  it('closes a gap after a deleted clause, moving sub-clauses and references along', () => {
    const before = joinLines(
      'ПОЛОЖЕНИЕ',
      '',
      '1. Общие положения',
      '1.1. Текст, см. пункт 1.3 и пп. 1.3–1.4.',
      '1.3. Текст.',
      '1.3.1. Подпункт, как в подпункте 1.3.2.',
      '1.3.2. Подпункт.',
      '1.4 Без точки; ссылка на пункт 2.1 не меняется.',
      '2. Заключительные положения',
      '2.1. Текст.',
      '',
    );
    const after = run(before, '1');
    assert.equal(after.text, joinLines(
      'ПОЛОЖЕНИЕ',
      '',
      '1. Общие положения',
      '1.1. Текст, см. пункт 1.2 и пп. 1.2–1.3.',
      '1.2. Текст.',
      '1.2.1. Подпункт, как в подпункте 1.2.2.',
      '1.2.2. Подпункт.',
      '1.3 Без точки; ссылка на пункт 2.1 не меняется.',
      '2. Заключительные положения',
      '2.1. Текст.',
      '',
    ));
    assert.equal(after.references, 4);
  });

  it('edits only the digits that change', () => {
    const text = joinLines('ПОЛОЖЕНИЕ', '', '1. Общие', '1.1. А.', '1.2. Б.', '1.9. В, пункт 1.9.', '1.10. Г.', '');
    const { edits } = renumber(buildModel(text), '1');
    assert.deepEqual(edits.map((e) => [text.slice(e.start, e.end), e.newText]), [['9', '3'], ['9', '3'], ['10', '4']]);
  });

  it('resolves a duplicate: the second becomes the next number and references to later clauses follow', () => {
    const text = joinLines('ПОЛОЖЕНИЕ', '', '1. Общие', '1.1. А.', '1.2. Б.', '1.2. В.', '1.3. Г (см. пункт 1.3).', '');
    assert.equal(run(text, '1').text, joinLines('ПОЛОЖЕНИЕ', '', '1. Общие', '1.1. А.', '1.2. Б.', '1.3. В.', '1.4. Г (см. пункт 1.4).', ''));
  });

  it('renumbers the sections of the whole body after a moved section, with their clauses', () => {
    const text = joinLines(
      'ПОЛОЖЕНИЕ',
      '',
      '1. Общие положения',
      '1.1. Раздел 3 и пункт 3.1 применяются.',
      '3. Права',
      '3.1. Права.',
      '2. Организация работы',
      '2.1. Работа.',
      '',
    );
    assert.equal(run(text).text, joinLines(
      'ПОЛОЖЕНИЕ',
      '',
      '1. Общие положения',
      '1.1. Раздел 2 и пункт 2.1 применяются.',
      '2. Права',
      '2.1. Права.',
      '3. Организация работы',
      '3.1. Работа.',
      '',
    ));
  });

  it('leaves a consecutive draft, appendices and list entries alone', () => {
    const text = joinLines('ПОЛОЖЕНИЕ', '', '1. Общие', '1.1. Участники вправе:', '1. получать;', '3. отправлять.', '1.2. Текст.', 'Приложение № 2', '5. Форма.', '');
    assert.equal(run(text).edits, 0);
  });

  it('repairs the numbering rules\' findings: no gap or duplicate remains', () => {
    const service = createRegulationService();
    const text = joinLines('ПОЛОЖЕНИЕ', '', '1. Общие', '1.1. А.', '1.1. Б.', '1.4. В.', '1.6. Г.', '2. Конец', '2.1. Текст.', '');
    const numbering = (t: string): string[] => service.analyzeText(t).findings.filter((f) => f.ruleId === 'numbering/gap' || f.ruleId === 'numbering/duplicate').map((f) => f.ruleId);
    assert.ok(numbering(text).length >= 2);
    assert.deepEqual(numbering(run(text, '1').text), []);
  });

  it('keeps CRLF line endings (edits never touch them)', () => {
    const text = ['ПОЛОЖЕНИЕ', '', '1. Общие', '1.1. А.', '1.3. Б.', ''].join('\r\n');
    assert.equal(run(text, '1').text, text.replace('1.3.', '1.2.'));
  });
});
