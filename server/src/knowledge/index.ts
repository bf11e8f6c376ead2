/**
 * Built-in knowledge (versioned data files in `server/data/`) merged with workspace overrides.
 * Data files are imported as JSON so the bundle carries them; nothing is read from disk here.
 */
import rolesData from '../../data/roles.json';
import actsData from '../../data/acts.json';
import structureData from '../../data/structure.json';
import termsData from '../../data/terms.json';
import typosData from '../../data/typos.json';
import type { Knowledge, StructureProfile } from './types';

/**
 * Built-in knowledge by family. A family adds its data file here (one import, one key) and
 * describes its shape in its own types module.
 */
const BUILTIN: Record<string, unknown> = {
  structure: structureData as unknown as StructureProfile,
  acts: actsData,
  roles: rolesData,
  terms: termsData,
  typos: typosData,
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merges `override` into `base`: objects deeply; arrays of objects with an `id` by id (an entry
 * with an existing id replaces it, `"remove": true` deletes it); other arrays are appended.
 */
export function mergeData(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (Array.isArray(base) && Array.isArray(override)) {
    const keyed = base.every((b) => isObject(b) && typeof b['id'] === 'string');
    if (!keyed) return [...base, ...override];
    const out = [...base] as Record<string, unknown>[];
    for (const o of override) {
      if (!isObject(o) || typeof o['id'] !== 'string') { out.push(o as Record<string, unknown>); continue; }
      const i = out.findIndex((b) => b['id'] === o['id']);
      if (o['remove'] === true) { if (i >= 0) out.splice(i, 1); continue; }
      if (i >= 0) out[i] = mergeData(out[i], o) as Record<string, unknown>;
      else out.push(o);
    }
    return out;
  }
  if (isObject(base) && isObject(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = mergeData(base[k], v);
    return out;
  }
  return override;
}

const cache = new Map<string, Knowledge>();

/** Knowledge for a set of workspace overrides (memoised by their JSON). */
export function getKnowledge(overrides: Readonly<Record<string, unknown>> = {}): Knowledge {
  const key = JSON.stringify(overrides) + '|' + Object.keys(BUILTIN).join(',');
  let k = cache.get(key);
  if (!k) {
    const merged: Record<string, unknown> = {};
    for (const family of new Set([...Object.keys(BUILTIN), ...Object.keys(overrides)])) {
      merged[family] = mergeData(BUILTIN[family], overrides[family]);
    }
    k = Object.freeze(merged) as Knowledge;
    if (cache.size > 32) cache.clear();
    cache.set(key, k);
  }
  return k;
}
