/**
 * Settings shared by the CLI and the language server: tolerant normalisation of untrusted input
 * (VS Code settings, `.normokontrol.json`). Bad values are reported through `warn` and ignored;
 * normalisation never throws.
 */
import type { SeveritySetting } from './rules/types';

/** Per-rule setting after normalisation. */
export interface RuleSetting {
  readonly severity?: SeveritySetting;
  readonly options: Readonly<Record<string, unknown>>;
}

/** Normalised settings. */
export interface Settings {
  /** Rule id or family (`terms`) → setting. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Date the documents are checked for (`YYYY-MM-DD`); today when absent. */
  readonly asOf?: string;
  /** Knowledge overrides from the workspace file: `structure`, `terms`, `roles`, `acts`, `typos`, … */
  readonly knowledge: Readonly<Record<string, unknown>>;
}

export const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

const SEVERITY_ALIASES: Record<string, SeveritySetting> = {
  off: 'off', none: 'off', false: 'off', '0': 'off',
  hint: 'hint',
  info: 'information', information: 'information',
  warn: 'warning', warning: 'warning', '1': 'warning', true: 'warning',
  error: 'error', '2': 'error',
};

/** Parses a severity written by a user (`warn`, `info`, `off`, `error`, …). */
export function parseSeverity(value: unknown): SeveritySetting | undefined {
  if (typeof value === 'boolean') return value ? undefined : 'off';
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return SEVERITY_ALIASES[String(value).trim().toLowerCase()];
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(value + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today as `YYYY-MM-DD` (local time). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const KNOWLEDGE_KEYS = new Set(['structure', 'terms', 'roles', 'acts', 'typos', 'platforms']);

/** Normalises raw settings; `warn` receives a Russian message for each ignored value. */
export function normalizeSettings(raw: unknown, warn: (message: string) => void = () => undefined): Settings {
  const rules: Record<string, RuleSetting> = {};
  const knowledge: Record<string, unknown> = {};
  let asOf: string | undefined;
  if (raw === null || raw === undefined) return { rules, knowledge };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn('Настройки должны быть объектом JSON; они пропущены');
    return { rules, knowledge };
  }
  const obj = raw as Record<string, unknown>;
  const rawRules = obj['rules'];
  if (rawRules !== undefined) {
    if (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules)) {
      warn('«rules» должно быть объектом вида {"numbering/duplicate": "error"}; пропущено');
    } else {
      for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const { severity, ...options } = value as Record<string, unknown>;
          const sev = severity === undefined ? undefined : parseSeverity(severity);
          if (severity !== undefined && sev === undefined) warn(`Неизвестная важность «${String(severity)}» для правила ${id}; используется значение по умолчанию`);
          rules[id] = { severity: sev, options };
        } else {
          const sev = parseSeverity(value);
          if (sev === undefined) warn(`Неизвестная важность «${String(value)}» для правила ${id}; ожидается off, hint, information, warning или error`);
          else rules[id] = { severity: sev, options: {} };
        }
      }
    }
  }
  const rawAsOf = obj['asOf'];
  if (rawAsOf !== undefined && rawAsOf !== null && rawAsOf !== '') {
    if (isIsoDate(rawAsOf)) asOf = rawAsOf;
    else warn(`Дата проверки «${String(rawAsOf)}» не в формате ГГГГ-ММ-ДД; используется сегодняшняя`);
  }
  for (const key of Object.keys(obj)) {
    if (KNOWLEDGE_KEYS.has(key)) knowledge[key] = obj[key];
  }
  return { rules, asOf, knowledge };
}

/** Merges settings: later ones override earlier ones rule by rule. */
export function mergeSettings(...all: Settings[]): Settings {
  const rules: Record<string, RuleSetting> = {};
  const knowledge: Record<string, unknown> = {};
  let asOf: string | undefined;
  for (const s of all) {
    for (const [id, r] of Object.entries(s.rules)) {
      const prev = rules[id];
      rules[id] = { severity: r.severity ?? prev?.severity, options: { ...(prev?.options ?? {}), ...r.options } };
    }
    Object.assign(knowledge, s.knowledge);
    asOf = s.asOf ?? asOf;
  }
  return { rules, asOf, knowledge };
}
