/**
 * What comes out of the table is never the object that went in, and undefined values are not stored
 * (the document client's removeUndefinedValues). Memory adapters copy through JSON for the same effect, so a
 * use case that mutates what it read cannot change the store behind its back.
 */
export const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** DynamoDB orders string keys by their bytes; for the ASCII keys of this table that is code-unit order, not localeCompare. */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One turn of the event loop, as any I/O gives: concurrent callers interleave as they do on a real store. */
export const io = () => new Promise<void>((resolve) => setImmediate(resolve));
