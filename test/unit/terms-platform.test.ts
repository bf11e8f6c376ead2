/**
 * Platform and era detection (`analysis/platform.ts`) and the era-dependent rules: what decides
 * MAX vs VK, what is a historical mention, the migration suggestion by check date and its
 * whole-act fix in correct Russian, and workspace overrides of the terminology data.
 */
import * as assert from 'node:assert/strict';
import { detectPlatform, findMentions } from '../../server/src/analysis/platform';
import { normalizeSettings } from '../../server/src/config';
import { buildModel } from '../../server/src/model/clauseTree';
import termsRules from '../../server/src/rules/terms';
import { createRegulationService } from '../../server/src/service';
import { parseMarkdown } from '../../server/src/syntax/parse';
import { applyEdits } from '../../server/src/util/edits';
import { joinLines } from '../helpers/fixtures';

const service = createRegulationService({ rules: termsRules });

function platformOf(text: string): string {
  return detectPlatform(buildModel(text, parseMarkdown(text).tree), text).platform;
}

function stamp(date: string): string[] {
  return ['УТВЕРЖДАЮ', '', 'Директор МБОУ «СОШ № 2»', '', date, ''];
}

const VK_ACT = joinLines(
  ...stamp('«30» 08 2024 г.'),
  'ПОЛОЖЕНИЕ об использовании учебного профиля VK Мессенджера в МБОУ «СОШ № 2»',
  '',
  '1. Общие положения',
  '',
  '1.1. Положение определяет порядок использования учебного профиля в VK Мессенджере.',
  '',
  '1.2. Учебный профиль – профиль пользователя в VK Мессенджере.',
  '',
  '2. Организация работы',
  '',
  '2.1. Обучающийся удаляет свой учебный профиль по заявлению родителей.',
  '',
  '2.2. Учитель создает учебные чаты в учебных профилях обучающихся.',
);

describe('platform detection', () => {
  it('decides MAX from the title, also for the Cyrillic lookalike and «Max»', () => {
    assert.equal(platformOf(joinLines('ПОЛОЖЕНИЕ об использовании ИКОП «Сферум» в МАХ', '', '1. Общие положения', '', '1.1. Текст.')), 'max');
    assert.equal(platformOf(joinLines('ПОЛОЖЕНИЕ об использовании мессенджера Max', '', '1. Общие положения', '', '1.1. Текст.')), 'max');
  });
  it('decides VK from the title', () => assert.equal(platformOf(VK_ACT), 'vk'));
  it('lets the approval date tip the balance but never decide alone', () => {
    const body = ['ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»', '', '1. Общие положения', '', '1.1. Текст.'];
    assert.equal(platformOf(joinLines(...stamp('«01» 09 2025 г.'), ...body)), 'unknown');
    assert.equal(platformOf(joinLines(...body)), 'unknown');
    const both = [...body, '', '1.2. Чаты ведутся в национальном мессенджере MAX и в VK Мессенджере.'];
    assert.equal(platformOf(joinLines(...stamp('«01» 09 2025 г.'), ...both)), 'max');
    assert.equal(platformOf(joinLines(...stamp('«01» 09 2024 г.'), ...both)), 'vk');
  });
  it('lets the definitions outweigh a few body mentions', () => {
    const text = joinLines(
      'ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»', '', '1. Общие положения', '',
      '1.1. Понятия, используемые в настоящем Положении:', '',
      '1.1.1. MAX – национальный мессенджер.', '',
      '2. Организация работы', '',
      '2.1. Чаты создаются в VK Мессенджере.', '', '2.2. Звонки проводятся в VK Мессенджере.',
    );
    assert.equal(platformOf(text), 'max');
  });
  it('keeps historical mentions out of the platform mentions', () => {
    const text = joinLines('ПОЛОЖЕНИЕ об использовании ИКОП «Сферум» в MAX', '', '1. Общие положения', '',
      '1.1. Пользователи, использовавшие ИКОП «Сферум» в VK мессенджере до перехода в национальный мессенджер MAX, переносят чаты.',
      '', '1.2. Чаты создаются в VK Мессенджере.');
    const facts = detectPlatform(buildModel(text, parseMarkdown(text).tree), text);
    assert.equal(facts.vkMentions.length, 1);
    assert.equal(text.slice(facts.vkMentions[0]!.start, facts.vkMentions[0]!.end), 'VK Мессенджере');
  });
  it('does not take the ordinary word «мах» for the messenger', () => {
    const text = 'Решение принято одним махом; мах рукой. Мах маятника велик.';
    const model = buildModel(text, parseMarkdown(text).tree);
    assert.deepEqual(findMentions(model, text).map((m) => m.text), []);
  });
});

describe('terms/migration by check date', () => {
  it('says nothing for a date before the move, suggests migration after 31.08.2025', () => {
    const before = service.analyzeText(VK_ACT, normalizeSettings({ asOf: '2025-06-01' })).findings;
    assert.deepEqual(before.filter((f) => f.ruleId === 'terms/migration'), []);
    const after = service.analyzeText(VK_ACT, normalizeSettings({ asOf: '2025-09-15' })).findings.filter((f) => f.ruleId === 'terms/migration');
    assert.equal(after.length, 1);
    assert.equal(after[0]!.severity, 'information');
    assert.equal(after[0]!.fixes![0]!.preferred, false, 'the whole-act rewrite is not applied by fix-all');
  });

  it('converts the whole act, inflecting «учебный профиль» and agreeing «свой»', () => {
    const settings = normalizeSettings({ asOf: '2025-09-15' });
    const f = service.analyzeText(VK_ACT, settings).findings.find((x) => x.ruleId === 'terms/migration')!;
    const out = applyEdits(VK_ACT, f.fixes![0]!.edits);
    assert.ok(out.includes('ПОЛОЖЕНИЕ об использовании образовательного пространства «Сферум» в MAX в МБОУ «СОШ № 2»'), out);
    assert.ok(out.includes('порядок использования образовательного пространства «Сферум» в MAX.'));
    assert.ok(out.includes('1.2. Образовательное пространство «Сферум» – профиль пользователя в MAX.'));
    assert.ok(out.includes('удаляет свое образовательное пространство «Сферум» по заявлению'));
    assert.ok(out.includes('в образовательных пространствах «Сферум» обучающихся'));
    assert.ok(!/VK|учебн\p{L}* профил/u.test(out));
    const again = service.analyzeText(out, settings).findings;
    assert.deepEqual(again.filter((x) => x.ruleId === 'terms/migration' || x.ruleId === 'terms/platform-mixup').map((x) => x.message), []);
  });
});

describe('terms/platform-mixup severity', () => {
  it('is an error in the organisation of work and a warning in the definitions', () => {
    const text = joinLines(
      'ПОЛОЖЕНИЕ об использовании ИКОП «Сферум» в национальном мессенджере MAX', '',
      '1. Общие положения', '',
      '1.1. Понятия, используемые в настоящем Положении:', '',
      '1.1.1. Учебный профиль VK-мессенджер – приложение.', '',
      '2. Организация работы', '',
      '2.1. Учитель создает чаты в VK-мессенджере.',
    );
    const f = service.analyzeText(text).findings.filter((x) => x.ruleId === 'terms/platform-mixup');
    assert.deepEqual(f.map((x) => x.severity), ['warning', 'error']);
  });
  it('follows the configured severity when the user sets one', () => {
    const text = joinLines('ПОЛОЖЕНИЕ об использовании ИКОП «Сферум» в MAX', '', '2. Организация работы', '', '2.1. Учитель создает чаты в VK-мессенджере.');
    const f = service.analyzeText(text, normalizeSettings({ rules: { 'terms/platform-mixup': 'hint' } })).findings.filter((x) => x.ruleId === 'terms/platform-mixup');
    assert.deepEqual(f.map((x) => x.severity), ['hint']);
  });
});

describe('terminology data from the workspace', () => {
  const text = joinLines('ПОЛОЖЕНИЕ об использовании ИКОП «Сферум» в MAX', '', '1. Общие положения', '', '1.1. Вопросы направляются на адрес help@shkola-pro.ru и help@shkola-pro.rv.');
  it('adds a canonical address whose near-misses are then reported', () => {
    const none = service.analyzeText(text).findings.filter((f) => f.ruleId === 'terms/canonical-spelling');
    assert.deepEqual(none, []);
    const settings = normalizeSettings({ terms: { addresses: [{ id: 'school-help', kind: 'email', value: 'help@shkola-pro.ru' }] } });
    const found = service.analyzeText(text, settings).findings.filter((f) => f.ruleId === 'terms/canonical-spelling');
    assert.deepEqual(found.map((f) => text.slice(f.range.start, f.range.end)), ['shkola-pro.rv']);
  });
});
