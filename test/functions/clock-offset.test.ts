/** The local stack's clock offset (POST /api/dev/clock) survives a restart of the stack: kept per table under .data/. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShiftableClock } from '../../functions/adapters/memory/clock.js';
import { advanceClock } from '../../functions/core/use-cases/dev-clock.js';
import { clockOffsetFile, persistClockOffset } from '../../functions/local/clock-offset.js';
import { useMemoryApp } from '../support/memory-app.js';

const DAY = 86_400_000;
const api = useMemoryApp();
const dir = () => mkdtempSync(join(tmpdir(), 'kedai-clock-'));

describe('the local clock across restarts', () => {
  it('starts a restarted stack as far ahead as POST /api/dev/clock had moved it', async () => {
    const file = clockOffsetFile(dir(), 'kedai-local');
    const first = new ShiftableClock();
    expect(persistClockOffset(first, file)).toBe(0);
    // The use case behind the route, on the harness's deps with this clock.
    await advanceClock({ ...api.stack.wired.deps, clock: first }, 3);
    first.advance!(2 * DAY);
    const restarted = new ShiftableClock();
    expect(persistClockOffset(restarted, file)).toBe(5 * DAY);
    expect(restarted.now().getTime() - Date.now()).toBeGreaterThan(5 * DAY - 60_000);
    expect(restarted.now().getTime() - Date.now()).toBeLessThan(5 * DAY + 60_000);
    // And keeps counting from there.
    restarted.advance!(DAY);
    expect(JSON.parse(readFileSync(file, 'utf8')).offsetMs).toBe(6 * DAY);
  });

  it('keeps one offset per table, and starts at real time from a missing or unreadable file', () => {
    const data = dir();
    const a = new ShiftableClock();
    persistClockOffset(a, clockOffsetFile(data, 'kedai-local'));
    a.advance!(10 * DAY);
    const other = new ShiftableClock();
    expect(persistClockOffset(other, clockOffsetFile(data, 'kedai-test-1234'))).toBe(0);
    const broken = clockOffsetFile(data, 'broken');
    persistClockOffset(new ShiftableClock(), broken);
    writeFileSync(broken, '{not json');
    expect(persistClockOffset(new ShiftableClock(), broken)).toBe(0);
  });

  it('leaves a clock that cannot move (AWS) alone', () => {
    const real = { now: () => new Date() };
    expect(persistClockOffset(real, clockOffsetFile(dir(), 'x'))).toBe(0);
    expect('advance' in real).toBe(false);
  });
});
