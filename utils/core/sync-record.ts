/**
 * The shape of a synced record (its merge rules: utils/sync/records.ts),
 * shared with the database schema that stores it.
 */

/** Device id → how many changes of that device had been seen. */
export type VersionVector = Record<string, number>;

export interface SyncRecord {
  /** `item:<item id>`, `draft:<paper key>` or `sub:<remote index url>`. */
  id: string;
  clock: VersionVector;
  tomb?: VersionVector;
  fields: Record<string, Register>;
  tags?: Record<string, { s: string; on: boolean }>;
  text?: TextVersion[];
  /** Short texts (a note, a draft) whose concurrent versions are all kept, shown joined. */
  joined?: Record<string, TextVersion[]>;
}

export interface Register {
  /** Hybrid-logical-clock stamp of the write (utils/sync/clock.ts). */
  s: string;
  v: unknown;
}

export interface TextVersion {
  vv: VersionVector;
  s: string;
  text: string;
}

/** Record ids name what they hold; the library marks each change by it. */
export const itemRecordId = (id: string) => `item:${id}`;
export const draftRecordId = (paperKey: string) => `draft:${paperKey}`;
export const subRecordId = (url: string) => `sub:${url}`;
