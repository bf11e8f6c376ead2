/**
 * text/* beyond the fixtures: one finding per span across rules (a mixed-script МАХ belongs to
 * terms/canonical-spelling, a dictionary typo with Latin letters to text/typo), the workspace
 * dictionary (entries added and removed through `.normokontrol.json`), and the capitalisation
 * kept by fixes.
 */
import * as assert from 'node:assert/strict';
import { normalizeSettings } from '../../server/src/config';
import termsRules from '../../server/src/rules/terms';
import textRules from '../../server/src/rules/text';
import { createRegulationService } from '../../server/src/service';
import { joinLines } from '../helpers/fixtures';

const service = createRegulationService({ rules: [...termsRules, ...textRules] });
const doc = (line: string): string => joinLines('ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»', '', '1. Общие положения', '', `1.1. ${line}`);

function spans(text: string, settings = normalizeSettings({})): string[] {
  return service.analyzeText(text, settings).findings.map((f) => `${f.ruleId} «${text.slice(f.range.start, f.range.end)}»`);
}

describe('text/* and terms/*: one finding per span', () => {
  it('a mixed-script «MАХ» is reported once, by terms/canonical-spelling', () => {
    assert.deepEqual(spans(doc('Чаты создаются в MАХ.')), ['terms/canonical-spelling «MАХ»']);
  });
  it('«видеoinформацией» is reported once, by text/typo, with a fix', () => {
    const text = doc('Обмен видеoinформацией.');
    assert.deepEqual(spans(text), ['text/typo «видеoinформацией»']);
    assert.equal(service.fixAll(text).text, doc('Обмен видеоинформацией.'));
  });
  it('a mixed word without a full lookalike conversion is reported without a fix', () => {
    const f = service.analyzeText(doc('Доступ к вebinарам.')).findings;
    assert.deepEqual(f.map((x) => [x.ruleId, x.fixes]), [['text/mixed-script', undefined]]);
  });
  it('«ИКОП «Cферум в MAX»» (Latin C) is one mangled name, not also a mixed word', () => {
    assert.deepEqual(spans(doc('Платформа ИКОП «Cферум в МАХ» доступна.')), ['terms/canonical-spelling «Cферум в МАХ»']);
  });
});

describe('text/typo: the workspace dictionary', () => {
  const text = doc('Учитель ведет журнал успеваимости на безвоздушной основе.');
  it('adds an entry from .normokontrol.json', () => {
    const settings = normalizeSettings({ typos: { typos: [{ id: 'uspevaemost', wrong: 'успеваимост(\\p{L}*)', right: 'успеваемост$1' }] } });
    assert.deepEqual(spans(text, settings), ['text/typo «успеваимости»', 'text/typo «безвоздушной»']);
    assert.equal(service.fixAll(text, settings).text, doc('Учитель ведет журнал успеваемости на безвозмездной основе.'));
  });
  it('removes a built-in entry with "remove": true', () => {
    const settings = normalizeSettings({ typos: { typos: [{ id: 'bezvozmezdnoy', remove: true }] } });
    assert.deepEqual(spans(text, settings), []);
  });
  it('keeps capitalisation: Capitalised and ALL CAPS', () => {
    assert.equal(service.fixAll(doc('Посредствам связи. ОРГАНИЗЫВАЕТ трансляции.')).text, doc('Посредством связи. ОРГАНИЗУЕТ трансляции.'));
  });
});

describe('text/missing-negation: the quick fix', () => {
  it('offers «не» as a fix that fix-all does not apply', () => {
    const text = joinLines('ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»', '', '4. Права и обязанности', '', '4.1. Пользователи обязаны:', '', '– распространять недостоверную информацию о школе;', '', '– соблюдать правила общения.');
    const f = service.analyzeText(text).findings.filter((x) => x.ruleId === 'text/missing-negation');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.fixes![0]!.preferred, false);
    assert.equal(service.fixAll(text).text, text);
  });
});
