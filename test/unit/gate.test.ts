/**
 * Which Markdown files the VS Code client lints (client/src/gate.ts): real drafts by content,
 * `*.reg.md` always, include/exclude globs and the switches.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decide, isRegMd, type GateFacts, type GateSettings } from '../../client/src/gate';
import { joinLines, SHARED_CORPUS } from '../helpers/fixtures';

const ON: GateSettings = { enable: true, lintAllMarkdown: false };

function facts(fileName: string, text: string, extra: Partial<GateFacts> = {}): GateFacts {
  return { fileName, included: false, excluded: false, text: () => text, ...extra };
}

const README = joinLines('# Проект', '', 'Как собрать:', '', '1. Установить зависимости.', '2. Запустить `npm test`.', '');
const FRESH_DRAFT = joinLines(
  'ПОЛОЖЕНИЕ',
  'об использовании ИКОП «Сферум»',
  '',
  '1. Общие положения',
  '1.1. Настоящее Положение определяет порядок использования платформы.',
  '1.2. Положение утверждается директором.',
  '',
);

describe('client gate: which Markdown files are linted', () => {
  const corpus = fs.readdirSync(SHARED_CORPUS).filter((f) => f.endsWith('.md'));
  it('finds the shared drafts', () => assert.ok(corpus.length >= 3));
  for (const file of corpus) {
    it(`lints the real draft ${file} by its content`, () => {
      const text = fs.readFileSync(path.join(SHARED_CORPUS, file), 'utf8');
      assert.deepEqual(decide(ON, facts(`/w/${file}`, text)), { lint: true, reason: 'content' });
    });
  }

  it('lints a fresh draft typed into an untitled buffer', () => {
    assert.equal(decide(ON, facts('untitled:Untitled-1', FRESH_DRAFT)).lint, true);
  });

  it('leaves an ordinary README alone, and an empty buffer', () => {
    assert.deepEqual(decide(ON, facts('/w/README.md', README)), { lint: false, reason: 'not-a-regulation' });
    assert.equal(decide(ON, facts('untitled:Untitled-2', '')).lint, false);
  });

  it('a title word alone is not enough (a Markdown page about rules)', () => {
    const text = joinLines('# Правила оформления кода', '', 'Пишите тесты.', '');
    assert.equal(decide(ON, facts('/w/CONTRIBUTING.md', text)).lint, false);
  });

  it('always lints *.reg.md, whatever it contains', () => {
    assert.deepEqual(decide(ON, facts('/w/draft.reg.md', README)), { lint: true, reason: 'reg-md' });
    assert.ok(isRegMd('C:\\docs\\Положение.REG.MD'));
    assert.ok(!isRegMd('/w/reg.md') && !isRegMd('/w/draft.reg.md.bak'));
  });

  it('lints a file matched by the include globs, whatever it contains', () => {
    assert.deepEqual(decide(ON, facts('/w/docs/a.md', README, { included: true })), { lint: true, reason: 'included' });
  });

  it('lintAllMarkdown lints every Markdown file', () => {
    assert.equal(decide({ enable: true, lintAllMarkdown: true }, facts('/w/README.md', README)).lint, true);
  });

  it('exclusion wins over include, *.reg.md and content', () => {
    assert.deepEqual(decide(ON, facts('/w/old/draft.reg.md', FRESH_DRAFT, { included: true, excluded: true })), { lint: false, reason: 'excluded' });
  });

  it('enable: false turns everything off', () => {
    assert.deepEqual(decide({ enable: false, lintAllMarkdown: true }, facts('/w/draft.reg.md', FRESH_DRAFT, { included: true })), { lint: false, reason: 'disabled' });
  });
});
