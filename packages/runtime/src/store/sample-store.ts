import type { Sample, SampleFilter, SampleInput } from '@distillery/core';
import type { ZodType } from 'zod';

/** Which samples: all of one task (or of every task) that pass the filter. */
export interface SampleSelection {
  taskId?: string;
  filter?: SampleFilter;
}

export type SampleOrderBy = 'createdAt' | 'id';
export type SortDirection = 'asc' | 'desc';

export interface SampleQuery extends SampleSelection {
  /** Default `createdAt`; ties in `createdAt` are broken by insertion order. */
  orderBy?: SampleOrderBy;
  /** Default `desc` (newest first). */
  direction?: SortDirection;
  /** Page size, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page (keyset pagination: stable while samples are added). */
  cursor?: string;
  /** Rows to skip, for page-number UIs; prefer `cursor` on large sets. */
  offset?: number;
}

export interface SamplePage {
  samples: Sample[];
  /** Pass as `cursor` to get the next page; null when this is the last one. */
  nextCursor: string | null;
}

export interface InsertOptions {
  /**
   * Idempotency key (see `generationDedupeKey`, `contentDedupeKey`). When a sample with the same
   * key is already stored the insert is skipped, not an error.
   */
  dedupeKey?: string;
}

export interface InsertManyOptions {
  /** Computes each sample's dedupe key from the validated sample. */
  dedupeKey?: (sample: Sample) => string | undefined;
}

export interface InsertResult {
  /** False when the dedupe key was already stored. */
  inserted: boolean;
  id: string;
}

export interface InsertManyResult {
  inserted: number;
  skippedDuplicates: number;
  /** Ids of the samples actually inserted, in input order. */
  ids: string[];
}

export interface SamplePatch {
  /** Replaces the tags. */
  tags?: string[];
  /** 1 to 5, or null to clear. */
  rating?: number | null;
}

export type RatingFacet = '1' | '2' | '3' | '4' | '5' | 'unrated';
export type SourceFacet = 'synthetic' | 'human' | 'import';

/** Counts over a selection, for the web UI's filter sidebar. */
export interface SampleFacets {
  total: number;
  withReasoning: number;
  withoutReasoning: number;
  tags: Record<string, number>;
  ratings: Record<RatingFacet, number>;
  sources: Record<SourceFacet, number>;
  /** Teacher models of synthetic samples. */
  models: Record<string, number>;
}

/** Writes that see each other and commit together (see `SampleStore.transaction`). */
export interface SampleWriter {
  insert(sample: SampleInput, options?: InsertOptions): Promise<InsertResult>;
  insertMany(samples: readonly SampleInput[], options?: InsertManyOptions): Promise<InsertManyResult>;
  hasKey(dedupeKey: string): Promise<boolean>;
}

export interface StoredRecord<T = unknown> {
  kind: string;
  id: string;
  value: T;
  createdAt: string;
  updatedAt: string;
}

/**
 * The project store. Samples are validated against core's SampleSchema on every write and kept
 * exactly as the schema gives them. Every method is async so a server database can implement
 * the same interface; the embedded implementation is `openSampleStore`.
 */
export interface SampleStore extends SampleWriter {
  /** Runs `fn` in one transaction: everything it writes commits together, or nothing if it throws. */
  transaction<T>(fn: (writer: SampleWriter) => Promise<T>): Promise<T>;
  get(id: string): Promise<Sample | undefined>;
  /** The samples that exist, in the order of `ids`; missing ids are left out. */
  getMany(ids: readonly string[]): Promise<Sample[]>;
  /** Replaces tags and/or rating; returns the updated sample, or undefined if there is none. */
  update(id: string, patch: SamplePatch): Promise<Sample | undefined>;
  /** True if a sample was deleted. */
  delete(id: string): Promise<boolean>;
  count(selection?: SampleSelection): Promise<number>;
  query(query?: SampleQuery): Promise<SamplePage>;
  /** Every matching id, in query order (for freezing a dataset). */
  ids(query?: Omit<SampleQuery, 'limit' | 'cursor' | 'offset'>): Promise<string[]>;
  facets(selection?: SampleSelection): Promise<SampleFacets>;

  /** Generic JSON records for other entities (datasets, fine-tunes, jobs), keyed by kind and id. */
  putRecord(kind: string, id: string, value: unknown): Promise<void>;
  getRecord<T = unknown>(kind: string, id: string, schema?: ZodType<T>): Promise<StoredRecord<T> | undefined>;
  /** Oldest first. */
  listRecords<T = unknown>(kind: string, schema?: ZodType<T>): Promise<StoredRecord<T>[]>;
  deleteRecord(kind: string, id: string): Promise<boolean>;

  close(): Promise<void>;
}
