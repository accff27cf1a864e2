/**
 * The local stack's clock offset survives a restart: POST /api/dev/clock moves the clock and services the days it
 * passed, so starting again at real time would put the clock behind what the table has already serviced (due
 * dates "paid" in the future, DPD counted backwards). The offset is kept per table under the data folder.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/ports.js';

export function clockOffsetFile(dataDir: string, tableName: string) {
  return join(dataDir, 'clock', `${tableName.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
}

/**
 * Moves a shiftable clock to the offset saved for this table, and saves every later move before it returns (a
 * write then a rename, so a crash leaves the old offset or the new one, never half a file). Returns the offset
 * restored in ms; a clock that cannot move (AWS) is left alone.
 */
export function persistClockOffset(clock: Clock, file: string): number {
  if (!clock.advance) return 0;
  let offsetMs = 0;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
    if (typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs) && saved.offsetMs > 0) offsetMs = saved.offsetMs;
  } catch (err) {
    // No file yet is a stack that never moved its clock; an unreadable one restarts at real time.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
  }
  const advance = clock.advance.bind(clock);
  if (offsetMs) advance(offsetMs);
  const restored = offsetMs;
  clock.advance = (ms: number) => {
    advance(ms);
    offsetMs += ms;
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ offsetMs, savedAt: new Date().toISOString() }));
    renameSync(`${file}.tmp`, file);
  };
  return restored;
}
