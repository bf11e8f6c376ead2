/**
 * Domain knowledge loaded from versioned data files in `server/data/` and merged with the
 * workspace configuration (`.normokontrol.json`). Each family owns its part; the engine only
 * carries it to rules.
 */

/** A required or optional part of a document profile (regulations.md §3). */
export interface SectionSpec {
  /** Stable id: `general`, `terms`, `organization`, `rights`, `final`, … */
  readonly id: string;
  /** Russian name used in messages and skeletons. */
  readonly name: string;
  readonly required: boolean;
  /** Regular expressions (source strings, case-insensitive) matched against section titles. */
  readonly patterns: readonly string[];
  /** May also be a clause inside another section (e.g. terms as `1.5. Понятия …`). */
  readonly mayBeClause?: boolean;
  /** Must be the last section before the appendices. */
  readonly last?: boolean;
  /** Skeleton inserted by the quick fix (`{n}` = section number). */
  readonly skeleton?: readonly string[];
}

/** A required element that is not a section. */
export interface ElementSpec {
  readonly id: string;
  readonly name: string;
  /** Regular expressions (case-insensitive) any of which proves the element is present. */
  readonly patterns: readonly string[];
  /** Russian explanation appended to the message. */
  readonly why?: string;
  readonly severity?: 'error' | 'warning' | 'information' | 'hint';
}

/** The structure profile of a document kind. */
export interface StructureProfile {
  readonly id: string;
  readonly name: string;
  readonly sections: readonly SectionSpec[];
  readonly elements: readonly ElementSpec[];
}

/**
 * All knowledge. Families add their own optional keys (terms, roles, acts, typos) as they grow;
 * unknown keys from the workspace file are kept so a rule can read them.
 */
export interface Knowledge {
  readonly structure: StructureProfile;
  readonly [family: string]: unknown;
}
