/**
 * The `normokontrol` command line: `check`, `outline`, `rules`, `lsp`. Argument parsing with
 * commander; every message to users is Russian. `runCli` never throws and never calls
 * `process.exit`: it returns the exit code (0 clean, 1 an error-level finding, 2 usage or I/O failure).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, type HelpConfiguration } from 'commander';
import { isIsoDate, mergeSettings, normalizeSettings, type Settings } from '../config';
import { ConfigFileError, ConfigResolver, readConfigFile, type LoadedConfig } from '../configFile';
import { createRegulationService, type IRegulationService } from '../service';
import { checkFile, describeIoError, type FileResult } from './check';
import { stopFeedWorker, takeEarlyFeedWorker } from './early';
import { feedScript, ModelFeed, sinceStart, wantsFeed, type Prepared } from './models';
import { checkFilesInPool, poolSize, workerScript } from './pool';
import { displayPath, expandInputs } from './files';
import { formatSarif } from './formatSarif';
import { formatOutlineText, toJsonOutline, type JsonOutlineNode } from './outline';
import { countBySeverity, exitCodeOf, jsonReport, jsonReportEntry, toJsonFile, toReportEntry, type JsonFile, type ReportEntry, type ReportFormat } from './report';

/** The process around the CLI; tests replace it. */
export interface CliEnv {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The engine (default: all registered rules, logging to stderr). */
  readonly service?: IRegulationService;
  /** Starts the language server on stdio (default: `runLanguageServer` of `server/src/main.ts`). */
  readonly startLanguageServer?: () => void;
}

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/** Usage errors found by our own validation (bad format, bad date, bad config). */
class UsageError extends Error {}

const TITLES: Record<string, string> = {
  'Usage:': 'Использование:',
  'Options:': 'Параметры:',
  'Global Options:': 'Общие параметры:',
  'Arguments:': 'Аргументы:',
  'Commands:': 'Команды:',
};

/** The version from package.json (found upwards from the running file: works in out/ and dist/). */
export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'normokontrol' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return '0.0.0';
}

function translateCommanderError(error: CommanderError): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(error.message)?.[1];
  const hint = suggestion ? ` (возможно, имелось в виду ${suggestion})` : '';
  switch (error.code) {
    case 'commander.unknownOption': return `Неизвестный параметр «${quoted}»${hint}`;
    case 'commander.unknownCommand': return `Неизвестная команда «${quoted}»${hint}`;
    case 'commander.missingArgument': return `Не указан обязательный аргумент «${quoted}»`;
    case 'commander.optionMissingArgument': return `Для параметра «${quoted}» не указано значение`;
    case 'commander.excessArguments': return 'Лишние аргументы командной строки';
    default: return `Ошибка в командной строке: ${error.message.replace(/^error:\s*/, '')}`;
  }
}

function parseFormat(value: string | undefined, allowed: readonly string[]): string {
  const format = (value ?? 'text').toLowerCase();
  if (!allowed.includes(format)) {
    throw new UsageError(`Неизвестный формат «${value}»: ожидается ${allowed.slice(0, -1).join(', ')} или ${allowed[allowed.length - 1]}`);
  }
  return format;
}

function parseAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) {
    throw new UsageError(`Дата «${value}» в --as-of должна быть настоящей датой в формате ГГГГ-ММ-ДД, например 2025-09-01`);
  }
  return value;
}

interface CheckCliOptions {
  format?: string;
  fix?: boolean;
  asOf?: string;
  config?: string;
}

/** Runs the CLI with arguments (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], env: Partial<CliEnv> = {}): Promise<number> {
  const cwd = env.cwd ?? process.cwd();
  const out = env.stdout ?? ((s: string) => void process.stdout.write(s));
  const err = env.stderr ?? ((s: string) => void process.stderr.write(s));
  const warn = (message: string): void => err(`normokontrol: ${message}\n`);
  let service = env.service;
  const getService = (): IRegulationService => {
    service ??= createRegulationService({
      logger: {
        info: () => undefined,
        warn: (m) => warn(m.split('\n')[0]!),
        error: (m) => warn(m.split('\n')[0]!),
      },
    });
    return service;
  };
  let exitCode: number = EXIT.ok;

  const help: HelpConfiguration = {
    styleTitle: (title) => TITLES[title] ?? title,
    optionDescription: (option) => option.description,
    // The default term shows commander's English `[options]`; our usages are Russian.
    subcommandTerm: (cmd) => cmd.name() === 'help' ? 'help [команда]' : `${cmd.name()} ${cmd.usage()}`,
  };
  const program = new Command('normokontrol')
    .usage('[параметры] <команда> …')
    .description('Нормоконтроль: проверка локальных нормативных актов (положений, порядков, правил) об ИКОП «Сферум» и мессенджере MAX, написанных в Markdown.')
    .configureHelp(help)
    .configureOutput({ writeOut: out, writeErr: err, outputError: () => undefined })
    .exitOverride()
    .helpOption('-h, --help', 'показать справку')
    .helpCommand('help [команда]', 'показать справку по команде')
    .version(packageVersion(), '-v, --version', 'показать версию программы')
    .showSuggestionAfterError(true)
    .addHelpText('after', [
      '',
      'Коды завершения:',
      '  0  ошибок (важность error) не найдено',
      '  1  найдена хотя бы одна ошибка',
      '  2  ошибка в командной строке, в настройках или при чтении и записи файлов',
      '',
      'Примеры:',
      '  normokontrol check docs/*.md',
      '  normokontrol check --format sarif --as-of 2025-09-01 . > normokontrol.sarif',
      '  normokontrol check --fix положение.md',
      '  normokontrol outline --format json положение.md',
      '  normokontrol lsp --stdio',
    ].join('\n'));

  program
    .command('check')
    .usage('[параметры] <файлы…>')
    .description('проверить документы и вывести замечания')
    .argument('<файлы...>', 'файлы, каталоги (все *.md внутри) или шаблоны glob')
    .option('-f, --format <формат>', 'формат вывода: text (по умолчанию), json или sarif')
    .option('--fix', 'исправить то, что исправляется однозначно, и записать файлы')
    .option('--as-of <дата>', 'дата проверки ГГГГ-ММ-ДД (по умолчанию сегодня или asOf из настроек)')
    .option('-c, --config <файл>', 'файл настроек (по умолчанию ближайший .normokontrol.json)')
    .action(async (inputs: string[], options: CheckCliOptions) => {
      exitCode = await runCheck(inputs, options);
    });

  program
    .command('outline')
    .usage('[параметры] <файл…>')
    .description('показать структуру документа: разделы, пункты, подпункты, приложения')
    .argument('<файлы...>', 'файл документа (можно несколько)')
    .option('-f, --format <формат>', 'формат вывода: text (по умолчанию) или json')
    .action(async (inputs: string[], options: { format?: string }) => {
      exitCode = await runOutline(inputs, options);
    });

  program
    .command('rules')
    .usage('[параметры]')
    .description('перечислить правила проверки')
    .option('-f, --format <формат>', 'формат вывода: text (по умолчанию) или json')
    .action((options: { format?: string }) => {
      exitCode = runRules(options);
    });

  program
    .command('lsp')
    .usage('--stdio')
    .description('запустить языковой сервер (LSP) для любого редактора')
    .option('--stdio', 'обмен сообщениями через стандартные ввод и вывод (по умолчанию)')
    .allowUnknownOption(true)
    .action(() => {
      exitCode = startLsp();
    });

  async function runCheck(inputs: string[], options: CheckCliOptions): Promise<number> {
    const format = parseFormat(options.format, ['text', 'json', 'sarif']) as ReportFormat;
    const asOf = parseAsOf(options.asOf);
    const override: Settings | undefined = asOf === undefined ? undefined : { rules: {}, knowledge: {}, asOf };
    const reported = new Set<string>();
    const reportWarnings = (loaded: LoadedConfig): void => {
      if (reported.has(loaded.file)) return;
      reported.add(loaded.file);
      for (const w of loaded.warnings) warn(`${displayPath(loaded.file, cwd)}: ${w}`);
    };
    let explicit: LoadedConfig | undefined;
    if (options.config !== undefined) {
      try {
        explicit = readConfigFile(path.resolve(cwd, options.config));
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      reportWarnings(explicit);
    }
    const resolver = new ConfigResolver();
    // One settings object per configuration, not per file: the engine resolves rule settings
    // once per settings object (files under the same configuration share it).
    const defaults = normalizeSettings({});
    const merged = new Map<Settings, Settings>();
    const settingsFor = (file: string): Settings => {
      const loaded = explicit ?? resolver.loadFor(file);
      if (loaded) reportWarnings(loaded);
      const base = loaded?.settings ?? defaults;
      if (!override) return base;
      let s = merged.get(base);
      if (!s) merged.set(base, (s = mergeSettings(base, override)));
      return s;
    };

    const { files, problems } = await expandInputs(inputs, cwd);
    for (const p of problems) warn(p);
    const svc = getService();
    const results: ReportEntry[] = [];
    // Settings first (configuration errors are per file), then the checks: in a worker pool on
    // every core for many files (results in input order), else here.
    const slots: Array<JsonFile | { file: string; settings: Settings }> = files.map((file) => {
      try {
        return { file, settings: settingsFor(file) };
      } catch (error) {
        const message = error instanceof ConfigFileError ? error.message : `не удалось прочитать настройки: ${describeIoError(error)}`;
        return { path: displayPath(file, cwd), diagnostics: [], error: message };
      }
    });
    const jobs = slots.filter((s): s is { file: string; settings: Settings } => 'settings' in s);
    const fix = options.fix === true;
    const size = env.service === undefined ? poolSize(jobs.length) : 0;
    const script = size > 0 ? workerScript() : undefined;
    const checkHere = (j: { file: string; settings: Settings }, prepared?: Prepared): FileResult => checkFile(j.file, j.settings, { service: svc, fix, prepared });
    // Each file's part of the report is rendered as soon as it is checked (see ReportEntry); the
    // JSON report is written directly, without the report model's objects.
    const entryOf = (f: JsonFile): ReportEntry => toReportEntry(f, format);
    const entryOfResult = (r: FileResult): ReportEntry => (format === 'json' ? jsonReportEntry(r, cwd) : entryOf(toJsonFile(r, cwd)));
    // Without a pool (two cores): a second thread reads the files and builds their models.
    const fed = !script && !fix && env.service === undefined && wantsFeed(jobs.length) ? feedScript() : undefined;
    // A worker the launcher started early for a feed that is not wanted after all is stopped.
    if (!fed) {
      const early = takeEarlyFeedWorker();
      if (early) stopFeedWorker(early);
    }
    let checked: ReportEntry[];
    if (script) checked = (await checkFilesInPool(jobs.map((j) => ({ ...j, fix, cwd })), size, script, (j) => toJsonFile(checkHere(j), cwd))).map(entryOf);
    else if (fed) {
      const feed = new ModelFeed(jobs.map((j) => j.file), fed);
      try {
        checked = jobs.map((j, i) => entryOfResult(checkHere(j, feed.take(i))));
      } finally {
        feed.close();
        // A developer's view of the split (bench/README.md).
        if (process.env['NORMOKONTROL_FEED_STATS'] === '1') err(`model feed: ${JSON.stringify({ ...feed.stats, endedAt: sinceStart() })}\n`);
      }
    } else checked = jobs.map((j) => entryOfResult(checkHere(j)));
    let k = 0;
    for (const slot of slots) results.push('settings' in slot ? checked[k++]! : entryOf(slot));
    for (const r of results) if (r.error !== undefined) warn(`${r.path}: ${r.error}`);

    // Compact, one line: a report grows with the corpus (bench corpus: 1.7 MB instead of 3.7 MB
    // indented, ~15 ms less to make and write); `jq .` shows it indented.
    if (format === 'json') out(jsonReport(results));
    else if (format === 'sarif') out(JSON.stringify(formatSarif(results.map((r) => r.file!), svc.rules, packageVersion(), cwd)) + '\n');
    else {
      out(results.map((r) => r.rendered!).join(''));
      const c = countBySeverity(results);
      const fixed = results.reduce((n, r) => n + (r.fixesApplied ?? 0), 0);
      const fixedFiles = results.filter((r) => (r.fixesApplied ?? 0) > 0).length;
      if (options.fix) err(`Исправлено правок: ${fixed} (файлов: ${fixedFiles}).\n`);
      err(`Проверено файлов: ${results.length}. Ошибок: ${c.error}, предупреждений: ${c.warning}, сведений: ${c.information}, подсказок: ${c.hint}.\n`);
    }
    const code = exitCodeOf(results);
    return problems.length > 0 || files.length === 0 ? EXIT.failure : code;
  }

  async function runOutline(inputs: string[], options: { format?: string }): Promise<number> {
    const format = parseFormat(options.format, ['text', 'json']);
    const { files, problems } = await expandInputs(inputs, cwd);
    for (const p of problems) warn(p);
    const svc = getService();
    const entries: { path: string; outline: JsonOutlineNode[]; error?: string }[] = [];
    for (const file of files) {
      const shown = displayPath(file, cwd);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        entries.push({ path: shown, outline: [], error: `не удалось прочитать файл: ${describeIoError(error)}` });
        continue;
      }
      try {
        // Rules are irrelevant to the outline: run none.
        const analysis = svc.analyzeText(text, { rules: Object.fromEntries(svc.rules.map((r) => [r.id, { severity: 'off', options: {} }])), knowledge: {} });
        entries.push({ path: shown, outline: toJsonOutline(text, svc.outline(analysis)) });
      } catch (error) {
        entries.push({ path: shown, outline: [], error: `не удалось разобрать файл: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    for (const e of entries) if (e.error !== undefined) warn(`${e.path}: ${e.error}`);
    if (format === 'json') {
      out(JSON.stringify({ files: entries }, null, 2) + '\n');
    } else {
      const ok = entries.filter((e) => e.error === undefined);
      for (const e of ok) {
        if (ok.length > 1) out(`${e.path}:\n`);
        out(formatOutlineText(e.outline));
        if (ok.length > 1) out('\n');
      }
    }
    return problems.length > 0 || files.length === 0 || entries.some((e) => e.error !== undefined) ? EXIT.failure : EXIT.ok;
  }

  function runRules(options: { format?: string }): number {
    const format = parseFormat(options.format, ['text', 'json']);
    const rules = getService().rules.map((r) => ({ id: r.id, severity: r.defaultSeverity, fixable: r.fixable, description: r.description }));
    if (format === 'json') {
      out(JSON.stringify({ rules }, null, 2) + '\n');
    } else {
      const width = Math.max(0, ...rules.map((r) => r.id.length));
      const sevWidth = Math.max(0, ...rules.map((r) => r.severity.length));
      for (const r of rules) {
        out(`${r.id.padEnd(width)}  ${r.severity.padEnd(sevWidth)}  ${r.fixable ? 'исправляется' : '            '}  ${r.description}\n`);
      }
    }
    return EXIT.ok;
  }

  function startLsp(): number {
    const start = env.startLanguageServer ?? loadLanguageServer();
    start();
    return EXIT.ok;
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      if (error.code === 'commander.help' || error.code === 'commander.helpDisplayed') return EXIT.failure; // help printed for a missing command
      warn(translateCommanderError(error));
      err('Справка: normokontrol --help\n');
      return EXIT.failure;
    }
    if (error instanceof UsageError) {
      warn(error.message);
      return EXIT.failure;
    }
    warn(`внутренняя ошибка: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['NORMOKONTROL_DEBUG'] && error instanceof Error && error.stack) err(error.stack + '\n');
    return EXIT.failure;
  }
}

/**
 * The server entry is loaded only for `lsp`: it is bundled into dist/cli.js, but its module code
 * (and the protocol libraries) run only when required here.
 */
function loadLanguageServer(): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require('../main') as typeof import('../main');
  return entry.runLanguageServer;
}
