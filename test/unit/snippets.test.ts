/**
 * Authoring declarative files: the regulation snippets (at least 12, Russian, with tab stops and
 * choices, covering the parts issue 5 names) and the injection grammar's new patterns.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const snippets = JSON.parse(read('snippets/regulation.code-snippets')) as Record<string, Snippet>;
const bodyOf = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

describe('regulation snippets', () => {
  const entries = Object.entries(snippets);

  it('has at least 12 snippets, each Russian, with a prefix, a tab stop and a description', () => {
    assert.ok(entries.length >= 12, `only ${entries.length} snippets`);
    for (const [name, s] of entries) {
      assert.match(name + s.description, /[А-Яа-яЁё]/, name);
      assert.ok((Array.isArray(s.prefix) ? s.prefix : [s.prefix]).every((p) => p.length > 0), name);
      assert.match(bodyOf(s), /\$\{?\d/, `${name} has no tab stop`);
    }
  });

  it('offers choices, e.g. УТВЕРЖДАЮ or УТВЕРЖДЕНО', () => {
    const choices = entries.filter(([, s]) => /\$\{\d+\|[^}]+\|\}/.test(bodyOf(s)));
    assert.ok(choices.length >= 6, `${choices.length} snippets with choices`);
    assert.ok(entries.some(([, s]) => bodyOf(s).includes('${1|УТВЕРЖДАЮ,УТВЕРЖДЕНО|}')));
  });

  it('covers the stamps, the title, each required section, the role clauses, rights, obligations, voluntariness and an appendix', () => {
    const all = entries.map(([, s]) => bodyOf(s)).join('\n');
    for (const needle of ['УТВЕРЖДАЮ', 'УТВЕРЖДЕНО', 'СОГЛАСОВАНО', 'РАССМОТРЕНО', 'ПОЛОЖЕНИЕ', 'Общие положения', 'Термины и определения',
      'Организация работы', 'Права и обязанности', 'Заключительные положения', 'Администратор ИКОП «Сферум»', 'Классный руководитель',
      'Куратор учебной группы', 'Учитель', 'Преподаватель', 'Обучающийся', 'Родитель (законный представитель)', 'имеют право:', 'обязаны:',
      'является добровольным', 'альтернативный канал связи', 'Приложение № ']) {
      assert.ok(all.includes(needle), `no snippet contains «${needle}»`);
    }
  });

  it('every snippet body is valid snippet syntax (balanced placeholders)', () => {
    for (const [name, s] of entries) {
      let depth = 0;
      const body = bodyOf(s).replace(/\\\$/g, '');
      for (let i = 0; i < body.length; i++) {
        if (body[i] === '$' && body[i + 1] === '{') { depth++; i++; } else if (body[i] === '}' && depth > 0) depth--;
      }
      assert.equal(depth, 0, name);
    }
  });

  it('both snippet files are contributed for Markdown', () => {
    const pkg = JSON.parse(read('package.json')) as { contributes: { snippets: { language: string; path: string }[] } };
    const paths = pkg.contributes.snippets.filter((s) => s.language === 'markdown').map((s) => s.path);
    assert.ok(paths.includes('./snippets/regulation.code-snippets'));
    assert.ok(paths.includes('./snippets/legal-basis.code-snippets'));
  });
});

describe('injection grammar patterns', () => {
  const grammar = JSON.parse(read('grammar/regulation.injection.tmLanguage.json')) as { patterns: { include: string }[]; repository: Record<string, { match: string }> };
  const re = (key: string): RegExp => {
    const source = grammar.repository[key]?.match;
    assert.ok(source, `no pattern ${key}`);
    return new RegExp(source);
  };

  it('every repository pattern is included', () => {
    const included = grammar.patterns.map((p) => p.include.replace(/^#/, '')).sort();
    assert.deepEqual(included, Object.keys(grammar.repository).sort());
  });

  it('marks internal cross-references but not citations of articles', () => {
    assert.equal(re('cross-reference').exec('указанных в пункте 1.2 настоящего')?.[2], '1.2');
    assert.equal(re('cross-reference').exec('в соответствии с пп. 1.1–1.3')?.[2], '1.1–1.3');
    assert.equal(re('cross-reference').exec('в приложении № 1')?.[2], '№ 1');
    assert.equal(re('cross-reference').exec('п. 2 ст. 30 Федерального закона'), null);
  });

  it('marks citation numbers and dates', () => {
    assert.equal(re('citation-number').exec('от 29.12.2012 № 273-ФЗ «Об образовании»')?.[2], '273-ФЗ');
    assert.equal(re('citation-number').exec('№ 1880-р')?.[2], '1880-р');
    assert.equal(re('citation-date').exec('Федеральный закон от 29.12.2012 № 273-ФЗ')?.[2], '29.12.2012');
    assert.equal(re('citation-date').exec('от 13 июля 2022 г.')?.[2], '13 июля 2022');
  });

  it('marks quoted platform roles and defined terms', () => {
    assert.equal(re('platform-role').exec('в пользовательской роли «учитель»')?.[2], 'учитель');
    assert.equal(re('platform-role').exec('класс «Учительская»'), null);
    assert.equal(re('defined-term').exec('платформа «Сферум» (далее – ИКОП «Сферум»)')?.[2], 'ИКОП «Сферум»');
    assert.equal(re('defined-term').exec('родители (законные представители)'), null);
  });
});
