/** A plain JSON object (not an array, not null): the first check on any data from elsewhere. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string of at most `maxChars` characters (a limit of SCHEMA_LIMITS, utils/core/schema.ts). */
export const isText = (v: unknown, maxChars: number): v is string =>
  typeof v === 'string' && v.length <= maxChars;

/** A value's fields: an object's (arrays included), else none. */
export const fieldsOf = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** An error's message for people, whatever was thrown. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
