/**
 * Types of the legal family: the acts registry (`server/data/acts.json`) and parsed citations.
 * Editor-neutral and offset-based like the rest of the model.
 */
import type { OffsetRange } from '../model/types';

/** Kinds of acts. `law` is a law of the Russian Federation before 1993 («Закон РФ»). */
export type ActKind = 'federal-law' | 'law' | 'resolution' | 'directive' | 'order' | 'letter' | 'decree' | 'guidelines';

/** How sure the registry is about an act (regulations.md §6: V, P, U). */
export type Confidence = 'verified' | 'partial' | 'unverified';

/** States in an act's history. */
export type ActStatus = 'in-force' | 'repealed' | 'superseded' | 'expired';

/** One event of an act's history: from `from` (inclusive) the act has `status`. */
export interface StatusEvent {
  readonly from: string;
  readonly status: ActStatus;
  /** Ids of the acts that replace it (for `repealed`/`superseded`). */
  readonly by?: readonly string[];
  /** The date is an estimate (the registry knows the year, not the day). */
  readonly approximate?: boolean;
  readonly note?: string;
}

/** An issuing body. */
export interface Issuer {
  readonly id: string;
  /** Full name, nominative. */
  readonly name: string;
  /** Canonical form used in citations (genitive): «Правительства РФ», «Минобрнауки России». */
  readonly genitive: string;
  /** Regular expressions (sources, case-insensitive) for the genitive forms written in drafts. */
  readonly patterns: readonly string[];
}

/** Seen-but-wrong variants of an act's requisites. */
export interface WrongVariants {
  readonly dates?: readonly string[];
  readonly numbers?: readonly string[];
  readonly issuers?: readonly string[];
  readonly titles?: readonly string[];
  readonly note?: string;
}

/** One act of the registry. */
export interface ActRecord {
  readonly id: string;
  readonly kind: ActKind;
  readonly issuer?: string;
  /** Number as officially written: `273-ФЗ`, `1880-р`, `542/1`, `Р-210`. */
  readonly number?: string;
  /** Date of signing/approval, ISO. */
  readonly date?: string;
  /** Other dates that identify the same act (e.g. approval date of a СанПиН vs its resolution). */
  readonly acceptedDates?: readonly string[];
  /** Sanitary code: `СП 2.4.3648-20`, `СанПиН 1.2.3685-21`, `МР 2.4.0330-23`. */
  readonly code?: string;
  /** Name of the rules themselves (for code-only citations). */
  readonly codeTitle?: string;
  /** Official title (without quotes); absent when the act has none. */
  readonly title?: string;
  /** `official`: checked against drafts; `descriptive`: shown only; `none`: the act has no title. */
  readonly titleStatus?: 'official' | 'descriptive' | 'none';
  /** Other titles that are right too (e.g. the name of the approved document). */
  readonly acceptedTitles?: readonly string[];
  /** What the act is about when it has no title. */
  readonly description?: string;
  /** Words that find the act in completion. */
  readonly keywords?: readonly string[];
  readonly history: readonly StatusEvent[];
  readonly confidence: Confidence;
  readonly sources: readonly string[];
  readonly wrong?: WrongVariants;
  /** In the basis-list snippet: `always`, or `max` for acts about the MAX messenger only. */
  readonly basis?: 'always' | 'max';
}

/** The registry file. */
export interface ActsData {
  readonly version: number;
  readonly issuers: readonly Issuer[];
  readonly acts: readonly ActRecord[];
}

/** Grammatical case of the kind word (accusative reads as nominative for these nouns). */
export type GrammaticalCase = 'nom' | 'gen' | 'dat' | 'ins' | 'prep';

/** A part of a citation with its range. */
export interface CitationPart {
  readonly text: string;
  readonly range: OffsetRange;
}

/** The act-kind words: «Федеральным законом», «приказа», «Постановление». */
export interface KindPart extends CitationPart {
  readonly kind: ActKind;
  readonly case: GrammaticalCase;
  readonly plural: boolean;
  /** First letter is a capital. */
  readonly capital: boolean;
}

export interface IssuerPart extends CitationPart {
  readonly id: string;
}

export interface NumberPart extends CitationPart {
  /** Comparable form: no spaces, capitals, Latin look-alikes mapped to Cyrillic, `Ф3` → `ФЗ`. */
  readonly normalized: string;
  /** The number sign as written (`№`, `N`, `No`), absent for a bare `273-ФЗ`. */
  readonly sign?: string;
}

export interface DatePart extends CitationPart {
  /** ISO date, undefined when the written date is not a real date. */
  readonly iso?: string;
}

export interface TitlePart extends CitationPart {
  /** Title without the outer quotes. */
  readonly inner: string;
  readonly innerRange: OffsetRange;
  /** False when the quotes never balance (the title runs to the last closing quote of the line). */
  readonly closed: boolean;
}

export interface CodePart extends CitationPart {
  /** `СП`, `СанПиН`, `МР`, `ГН`. */
  readonly prefix: string;
  /** `2.4.3648-20`. */
  readonly code: string;
  /** `СП 2.4.3648-20` in canonical spacing. */
  readonly normalized: string;
}

/** `ч. 3 ст. 30`, `статья 30`, `п. 2 ч. 1 ст. 12`. */
export interface ArticlePart extends CitationPart {
  readonly article: string;
  readonly part?: string;
  readonly item?: string;
}

/** One citation of a normative act in a draft. */
export interface Citation {
  /** Whole extent: article reference (if any) through the last part. */
  readonly range: OffsetRange;
  /** Extent of the act itself (kind or number or code through the last part). */
  readonly actRange: OffsetRange;
  readonly kind?: KindPart;
  readonly issuer?: IssuerPart;
  readonly number?: NumberPart;
  readonly date?: DatePart;
  readonly title?: TitlePart;
  readonly code?: CodePart;
  readonly article?: ArticlePart;
  /** A repeated short mention: `(далее – СанПиН 1.2.3685-21)`. */
  readonly alias: boolean;
}
