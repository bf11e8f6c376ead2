/**
 * Inserting missing parts (service/insertSection.ts, offered as fixes of structure/required-sections,
 * structure/approval-stamp, structure/required-elements and structure/max-voluntariness): the
 * skeleton lands at the right place with the right number, what follows is renumbered with the
 * references, the style of the draft is kept, and the rule no longer reports the part.
 */
import * as assert from 'node:assert/strict';
import { createRegulationService } from '../../server/src/service';
import type { Finding } from '../../server/src/rules/types';
import { applyEdits } from '../../server/src/util/edits';
import { joinLines } from '../helpers/fixtures';

const service = createRegulationService();

const DRAFT = joinLines(
  'УТВЕРЖДАЮ',
  '',
  'Директор МБОУ «СОШ № 5»',
  '',
  'Приказ № 7 от 01.09.2025',
  '',
  'ПОЛОЖЕНИЕ',
  '',
  'об использовании ИКОП «Сферум» в национальном мессенджере MAX в МБОУ «СОШ № 5»',
  '',
  '1. Общие положения',
  '',
  '1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».',
  '',
  '1.2. Положение принимается педагогическим советом с учетом мнения совета обучающихся и совета родителей.',
  '',
  '1.3. Использование MAX является добровольным.',
  '',
  '2. Организация работы',
  '',
  '2.1. Администратор ИКОП «Сферум» действует по пункту 3.1 и разделу 4.',
  '',
  '3. Права и обязанности участников',
  '',
  '3.1. Участники имеют право на доступ к платформе.',
  '',
  '4. Заключительные положения',
  '',
  '4.1. Положение вступает в силу со дня утверждения.',
  '',
);

function finding(text: string, ruleId: string, accept: (f: Finding) => boolean = () => true): Finding | undefined {
  return service.analyzeText(text).findings.find((f) => f.ruleId === ruleId && accept(f));
}

function fixWith(text: string, ruleId: string, accept?: (f: Finding) => boolean): string {
  const f = finding(text, ruleId, accept);
  assert.ok(f, `${ruleId} is reported`);
  const fix = f.fixes?.[0];
  assert.ok(fix, `${ruleId} offers a fix`);
  assert.equal(fix.preferred, false, 'a skeleton is never applied by fix-all');
  return applyEdits(text, fix.edits);
}

describe('inserting missing parts', () => {
  it('the draft lacks only its terms section', () => {
    assert.deepEqual(service.analyzeText(DRAFT).findings.filter((f) => f.ruleId === 'structure/required-sections').map((f) => f.data?.['sectionId']), ['terms']);
    for (const id of ['structure/approval-stamp', 'structure/required-elements', 'structure/max-voluntariness']) {
      assert.equal(finding(DRAFT, id), undefined, id);
    }
  });

  it('a missing terms section becomes section 2; old 2..4 become 3..5 with their references', () => {
    const fixed = fixWith(DRAFT, 'structure/required-sections', (f) => f.data?.['sectionId'] === 'terms');
    assert.equal(fixed, DRAFT
      .replace('2. Организация работы', joinLines(
        '2. Термины и определения',
        '',
        '2.1. В настоящем Положении используются следующие понятия:',
        '',
        '– информационно-коммуникационная образовательная платформа «Сферум» (ИКОП «Сферум») – …',
        '',
        '3. Организация работы',
      ))
      .replace('2.1. Администратор ИКОП «Сферум» действует по пункту 3.1 и разделу 4.', '3.1. Администратор ИКОП «Сферум» действует по пункту 4.1 и разделу 5.')
      .replace('3. Права', '4. Права').replace('3.1. Участники', '4.1. Участники')
      .replace('4. Заключительные', '5. Заключительные').replace('4.1. Положение', '5.1. Положение'));
    assert.equal(finding(fixed, 'structure/required-sections'), undefined);
    assert.deepEqual(service.analyzeText(fixed).findings.filter((f) => f.ruleId.startsWith('numbering/')).map((f) => f.message), []);
  });

  it('a missing final section goes last, in the heading style and capitals of the draft, with CRLF kept', () => {
    const text = joinLines(
      '**ПОРЯДОК**',
      '',
      '**об использовании ИКОП «Сферум»**',
      '',
      '## 1. ОБЩИЕ ПОЛОЖЕНИЯ',
      '',
      '1.1. Порядок регулирует работу.',
      '',
      '## 2. ТЕРМИНЫ',
      '',
      '2.1. Понятия.',
      '',
      '## 3. ОРГАНИЗАЦИЯ РАБОТЫ',
      '',
      '3.1. Работа.',
      '',
      '## 4. ПРАВА УЧАСТНИКОВ',
      '',
      '4.1. Права.',
      '',
    ).replace(/\n/g, '\r\n');
    const fixed = fixWith(text, 'structure/required-sections', (f) => f.data?.['sectionId'] === 'final');
    assert.ok(fixed.endsWith('4.1. Права.\r\n\r\n## 5. ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ\r\n\r\n5.1. Настоящий Порядок вступает в силу с момента его утверждения приказом директора.\r\n\r\n5.2. Изменения и дополнения в настоящий Порядок вносятся в порядке, установленном для его принятия.\r\n'), JSON.stringify(fixed.slice(-300)));
    assert.ok(!/(?<!\r)\n/.test(fixed), 'only CRLF line endings');
    assert.equal(finding(fixed, 'structure/required-sections'), undefined);
  });

  it('a missing approval stamp is inserted at the top, dated with the check date', () => {
    const text = DRAFT.slice(DRAFT.indexOf('ПОЛОЖЕНИЕ'));
    const fixed = fixWith(text, 'structure/approval-stamp');
    assert.ok(fixed.startsWith('УТВЕРЖДАЮ\n\nДиректор ____________\n\nПриказ № ____ от '), fixed.slice(0, 80));
    assert.equal(finding(fixed, 'structure/approval-stamp', (f) => f.severity !== 'information'), undefined);
  });

  it('missing elements become clauses at the end of the right section', () => {
    const noBasis = DRAFT.replace('1.1. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».', '1.1. Положение определяет порядок работы.');
    const basis = fixWith(noBasis, 'structure/required-elements', (f) => f.data?.['elementId'] === 'normative-basis');
    assert.ok(basis.includes('1.3. Использование MAX является добровольным.\n\n1.4. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».\n\n2. Организация'));
    assert.equal(finding(basis, 'structure/required-elements'), undefined);

    const noForce = DRAFT.replace('4.1. Положение вступает в силу со дня утверждения.', '4.1. Положение хранится у директора.');
    const force = fixWith(noForce, 'structure/required-elements', (f) => f.data?.['elementId'] === 'entry-into-force');
    assert.ok(force.endsWith('4.1. Положение хранится у директора.\n\n4.2. Настоящее Положение вступает в силу со дня его утверждения приказом директора; срок действия не ограничен.\n'), force.slice(-200));
    assert.equal(finding(force, 'structure/required-elements'), undefined);
  });

  it('a MAX act without the voluntariness clause gets one in section 1', () => {
    const text = DRAFT.replace('1.3. Использование MAX является добровольным.', '1.3. Все участники регистрируются в MAX.');
    const fixed = fixWith(text, 'structure/max-voluntariness');
    assert.match(fixed, /\n1\.4\. Использование национального мессенджера MAX участниками образовательных отношений является добровольным; .*альтернативный канал связи/);
    assert.equal(finding(fixed, 'structure/max-voluntariness'), undefined);
  });
});
