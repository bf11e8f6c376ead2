// Rule metadata is the single source of truth. This script derives from it:
//   - package.json → contributes.configuration.properties["normokontrol.rules"] (one property per rule
//     id and per family), the rest of package.json untouched;
//   - README.md → the rules table between <!--rules start--> and <!--rules end--> (and the settings
//     table between <!--settings start--> and <!--settings end--> when those markers exist);
//   - docs/rules/<family>/<name>.md → one page per rule (stale pages of removed rules are deleted);
//   - schemas/normokontrol.schema.json → the JSON schema of the workspace file .normokontrol.json.
// It reads the compiled registry out/server/src/rules/index.js, so run `tsc -b` first
// (`npm run generate` does). `--check` writes nothing and exits 1 when a file would change
// (test/unit/meta.test.ts runs the same plan).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const FAMILIES = ['structure', 'numbering', 'roles', 'terms', 'legal', 'text'];
export const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error'];
const SEVERITY_RU = { off: 'выключено', hint: 'подсказка', information: 'сведение', warning: 'предупреждение', error: 'ошибка' };
const FAMILY_RU = {
  structure: 'структура документа (обязательные разделы и реквизиты, порядок, мусор конвертации)',
  numbering: 'нумерация разделов, пунктов и подпунктов',
  roles: 'участники и их наименования',
  terms: 'термины и наименования платформ',
  legal: 'ссылки на нормативные правовые акты',
  text: 'текст: опечатки, пунктуация, оформление',
};
const RULES_START = '<!--rules start-->';
const RULES_END = '<!--rules end-->';
const SETTINGS_START = '<!--settings start-->';
const SETTINGS_END = '<!--settings end-->';

/** Loads the compiled rule registry (and the knowledge keys the settings accept). */
export function loadMeta(root = ROOT) {
  const registry = require(path.join(root, 'out/server/src/rules/index.js'));
  const rules = [...registry.allRules].map((r) => ({
    id: r.id,
    description: r.description,
    defaultSeverity: r.defaultSeverity,
    fixable: r.fixable,
    options: r.options ?? {},
  }));
  return { rules, knowledgeKeys: knowledgeKeys(root) };
}

/** The top-level knowledge keys `.normokontrol.json` accepts (config.ts `KNOWLEDGE_KEYS`). */
function knowledgeKeys(root) {
  const config = require(path.join(root, 'out/server/src/config.js'));
  if (config.KNOWLEDGE_KEYS) return [...config.KNOWLEDGE_KEYS].sort();
  const source = fs.readFileSync(path.join(root, 'server/src/config.ts'), 'utf8');
  const m = /KNOWLEDGE_KEYS\s*=\s*new Set\(\[([^\]]*)\]\)/.exec(source);
  if (!m) throw new Error('KNOWLEDGE_KEYS not found in server/src/config.ts');
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]).sort();
}

// ---------------------------------------------------------------------------------------------
// Schemas

/** A JSON-schema fragment for an option, inferred from its default value. */
function optionSchema(value) {
  if (typeof value === 'boolean') return { type: 'boolean', default: value };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number', default: value };
  if (typeof value === 'string') return { type: 'string', default: value };
  if (Array.isArray(value)) {
    const first = value.find((v) => v !== null && v !== undefined);
    const items = first === undefined ? {} : (({ default: _d, ...rest }) => rest)(optionSchema(first));
    return { type: 'array', items, default: value };
  }
  if (value && typeof value === 'object') return { type: 'object', default: value };
  return {};
}

const severityEnum = () => ({
  type: 'string',
  enum: [...SEVERITIES],
  enumDescriptions: SEVERITIES.map((s) => SEVERITY_RU[s]),
});

function docsPath(id) {
  return `docs/rules/${id}.md`;
}

/** Schema of one rule's setting: a severity, or `{ severity, ...options }`. */
function ruleSchema(rule) {
  const optionProps = {};
  for (const [name, value] of Object.entries(rule.options)) optionProps[name] = optionSchema(value);
  const fix = rule.fixable ? '; исправляется автоматически' : '';
  return {
    description: `${rule.description} (по умолчанию: ${rule.defaultSeverity}${fix})`,
    markdownDescription: `${rule.description}. По умолчанию — \`${rule.defaultSeverity}\`${fix}. [Описание правила](https://github.com/normokontrol/normokontrol/blob/main/${docsPath(rule.id)})`,
    default: rule.defaultSeverity,
    anyOf: [
      severityEnum(),
      {
        type: 'object',
        properties: { severity: severityEnum(), ...optionProps },
        additionalProperties: false,
      },
    ],
  };
}

/** The `rules` object schema shared by the VS Code setting and `.normokontrol.json`. */
export function rulesSchema(meta) {
  const properties = {};
  for (const family of FAMILIES) {
    properties[family] = {
      ...severityEnum(),
      description: `Все правила семейства ${family} — ${FAMILY_RU[family]}; отдельное правило настраивается своим ключом`,
    };
  }
  for (const rule of [...meta.rules].sort((a, b) => a.id.localeCompare(b.id))) properties[rule.id] = ruleSchema(rule);
  return { type: 'object', properties, additionalProperties: false };
}

/** The generated `normokontrol.rules` setting. */
function rulesSetting(meta) {
  return {
    type: 'object',
    default: {},
    scope: 'resource',
    markdownDescription:
      'Важность правил: `off`, `hint`, `information`, `warning` или `error` — для правила (`"numbering/duplicate": "warning"`) или для семейства целиком (`"terms": "off"`). Правило с настройками: `{"severity": "warning", …}`. Настройки из `.normokontrol.json` дополняются этими.',
    ...rulesSchema(meta),
  };
}

/** The JSON schema of `.normokontrol.json`. */
export function configFileSchema(meta) {
  const properties = {
    $schema: { type: 'string', description: 'Ссылка на эту схему (для редакторов)' },
    rules: {
      description: 'Важность и настройки правил: "off" | "hint" | "information" | "warning" | "error" или {"severity": …, …настройки}; ключ — id правила или семейство',
      ...rulesSchema(meta),
    },
    asOf: {
      type: 'string',
      pattern: '^(\\d{4}-\\d{2}-\\d{2})?$',
      description: 'Дата, на которую проверяются документы (ГГГГ-ММ-ДД); по умолчанию — сегодня',
    },
  };
  for (const key of meta.knowledgeKeys) {
    properties[key] = {
      type: ['object', 'array'],
      description: `Дополнение встроенных данных «${key}» (server/data): записи с "id" заменяют встроенные с тем же id, "remove": true удаляет запись, остальные добавляются`,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/normokontrol/normokontrol/blob/main/schemas/normokontrol.schema.json',
    title: 'Настройки нормоконтроля (.normokontrol.json)',
    description: 'Файл настроек проверки положений: важность правил, дата проверки, дополнения к встроенным данным. Создан из описаний правил (scripts/generate.mjs); не правьте вручную.',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function rulesTable(meta) {
  const lines = [
    '| Правило | Что проверяет | По умолчанию | Исправление |',
    '| --- | --- | --- | --- |',
  ];
  for (const family of FAMILIES) {
    for (const rule of meta.rules.filter((r) => r.id.startsWith(`${family}/`))) {
      lines.push(`| [\`${rule.id}\`](${docsPath(rule.id)}) | ${cell(rule.description)} | ${SEVERITY_RU[rule.defaultSeverity] ?? rule.defaultSeverity} | ${rule.fixable ? 'да' : '—'} |`);
    }
  }
  return lines.join('\n');
}

function settingsTable(pkg) {
  const props = pkg.contributes?.configuration?.properties ?? {};
  const lines = ['| Настройка | По умолчанию | Описание |', '| --- | --- | --- |'];
  for (const [key, p] of Object.entries(props)) {
    const desc = key === 'normokontrol.rules'
      ? 'Важность правил и их настройки (см. таблицу правил)'
      : (p.markdownDescription ?? p.description ?? '');
    lines.push(`| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${cell(desc)} |`);
  }
  return lines.join('\n');
}

function replaceBetween(text, start, end, body) {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return undefined;
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

/** The rule's leading TSDoc block, as plain lines (without the id line). */
function tsdoc(root, id) {
  const file = path.join(root, 'server/src/rules', `${id}.ts`);
  if (!fs.existsSync(file)) return '';
  const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(fs.readFileSync(file, 'utf8'));
  if (!m) return '';
  const lines = m[1].split(/\r?\n/).map((l) => l.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
  while (lines.length && (lines[0] === '' || lines[0] === id)) lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

const SECTION_TITLES = [
  [/^What it checks:\s*/i, 'Что проверяет'],
  [/^Why:\s*/i, 'Зачем'],
  [/^Options:\s*/i, 'Настройки правила'],
  [/^Fix:\s*/i, 'Исправление'],
];

/** Renders the TSDoc block: known labels become headings, the rest stays as written. */
function renderDoc(doc) {
  if (!doc) return '';
  const out = [];
  for (const line of doc.split('\n')) {
    const hit = SECTION_TITLES.find(([re]) => re.test(line));
    if (hit) {
      out.push('', `## ${hit[1]}`, '');
      const rest = line.replace(hit[0], '');
      if (rest) out.push(rest.charAt(0).toUpperCase() + rest.slice(1));
    } else {
      out.push(line);
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function rulePage(root, rule) {
  const [family] = rule.id.split('/');
  const options = Object.keys(rule.options);
  const example = options.length
    ? { 'normokontrol.rules': { [rule.id]: { severity: rule.defaultSeverity === 'off' ? 'warning' : rule.defaultSeverity, ...rule.options } } }
    : { 'normokontrol.rules': { [rule.id]: rule.defaultSeverity === 'off' ? 'warning' : 'off' } };
  const parts = [
    '<!-- Создано scripts/generate.mjs из описания правила; не правьте вручную. -->',
    `# ${rule.id}`,
    '',
    `${rule.description}.`,
    '',
    '| | |',
    '| --- | --- |',
    `| Семейство | \`${family}\` — ${FAMILY_RU[family] ?? ''} |`,
    `| Важность по умолчанию | \`${rule.defaultSeverity}\` (${SEVERITY_RU[rule.defaultSeverity] ?? ''}) |`,
    `| Автоматическое исправление | ${rule.fixable ? 'есть (быстрое исправление, «Исправить всё», `--fix`)' : 'нет'} |`,
    '',
  ];
  const doc = renderDoc(tsdoc(root, rule.id));
  if (doc) parts.push(doc, '');
  if (options.length) {
    parts.push('## Параметры', '', '| Параметр | По умолчанию |', '| --- | --- |');
    for (const [name, value] of Object.entries(rule.options)) parts.push(`| \`${name}\` | \`${cell(JSON.stringify(value))}\` |`);
    parts.push('');
  }
  parts.push(
    '## Настройка',
    '',
    'В настройках VS Code (`settings.json`) или в `.normokontrol.json` (там ключ `rules`):',
    '',
    '```json',
    JSON.stringify(example, null, 2),
    '```',
    '',
    'Отключить для одной строки: `<!-- normokontrol-disable-next-line ' + rule.id + ' -->`.',
    '',
    `Примеры: \`test/fixtures/rules/${rule.id}/\`.`,
    '',
  );
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Plan and apply

/**
 * Every file the generator owns, with the content it should have (`null` = delete).
 * Paths are relative to `root`.
 */
export function plan(root = ROOT, meta = loadMeta(root)) {
  const files = [];
  const pkgPath = path.join(root, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  pkg.contributes ??= {};
  pkg.contributes.configuration ??= { title: 'Нормоконтроль', properties: {} };
  pkg.contributes.configuration.properties ??= {};
  pkg.contributes.configuration.properties['normokontrol.rules'] = rulesSetting(meta);
  const rulesProp = JSON.stringify(pkg.contributes.configuration.properties['normokontrol.rules']);
  files.push({
    path: 'package.json',
    content: JSON.stringify(pkg, null, 2) + '\n',
    // Only the generated property counts: how others format the rest of package.json is theirs.
    same: (text) => {
      try {
        return JSON.stringify(JSON.parse(text).contributes?.configuration?.properties?.['normokontrol.rules']) === rulesProp;
      } catch {
        return false;
      }
    },
  });

  const readmePath = path.join(root, 'README.md');
  let readme = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : `${RULES_START}\n${RULES_END}\n`;
  readme = replaceBetween(readme, RULES_START, RULES_END, rulesTable(meta)) ?? `${readme.replace(/\n*$/, '\n\n')}${RULES_START}\n${rulesTable(meta)}\n${RULES_END}\n`;
  readme = replaceBetween(readme, SETTINGS_START, SETTINGS_END, settingsTable(pkg)) ?? readme;
  files.push({ path: 'README.md', content: readme });

  const wanted = new Set();
  for (const rule of meta.rules) {
    const rel = docsPath(rule.id);
    wanted.add(rel);
    files.push({ path: rel, content: rulePage(root, rule) });
  }
  const docsRoot = path.join(root, 'docs/rules');
  if (fs.existsSync(docsRoot)) {
    for (const family of fs.readdirSync(docsRoot)) {
      const dir = path.join(docsRoot, family);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir)) {
        const rel = `docs/rules/${family}/${file}`;
        if (file.endsWith('.md') && !wanted.has(rel)) files.push({ path: rel, content: null });
      }
    }
  }

  files.push({ path: 'schemas/normokontrol.schema.json', content: JSON.stringify(configFileSchema(meta), null, 2) + '\n' });
  return files;
}

/** The planned files whose content differs from the disk. */
export function drift(root = ROOT, files = plan(root)) {
  return files.filter((f) => {
    const abs = path.join(root, f.path);
    const exists = fs.existsSync(abs);
    if (f.content === null) return exists;
    if (!exists) return true;
    const text = fs.readFileSync(abs, 'utf8');
    return f.same ? !f.same(text) : text !== f.content;
  });
}

function write(root, files) {
  for (const f of files) {
    const abs = path.join(root, f.path);
    if (f.content === null) {
      fs.rmSync(abs, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    // Temp file + rename: package.json is shared with other tools; never leave it half-written.
    const tmp = `${abs}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.content);
    fs.renameSync(tmp, abs);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const check = process.argv.includes('--check');
  const changed = drift(ROOT);
  if (check) {
    if (changed.length) {
      console.error(`Generated files are out of date (run \`npm run generate\`):\n${changed.map((f) => `  ${f.path}`).join('\n')}`);
      process.exit(1);
    }
    console.log('Generated files are up to date');
  } else {
    write(ROOT, changed);
    console.log(changed.length ? `Updated:\n${changed.map((f) => `  ${f.path}${f.content === null ? ' (deleted)' : ''}`).join('\n')}` : 'Nothing to update');
  }
}
