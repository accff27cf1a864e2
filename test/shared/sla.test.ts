import { describe, expect, it } from 'vitest';
import { isOverdue, workingMinutesBetween } from '../../shared/sla.js';

// Beijing = UTC+8. 2026-11-23 is a Monday.
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('working minutes in Beijing business hours', () => {
  it.each([
    ['within a morning', bj('2026-11-23T09:30:00'), bj('2026-11-23T11:00:00'), 90],
    ['across lunch', bj('2026-11-23T11:30:00'), bj('2026-11-23T14:00:00'), 60],
    ['before opening counts nothing', bj('2026-11-23T06:00:00'), bj('2026-11-23T09:00:00'), 0],
    ['a whole working day', bj('2026-11-23T00:00:00'), bj('2026-11-24T00:00:00'), 420],
    ['Friday evening to Monday morning', bj('2026-11-27T17:00:00'), bj('2026-11-30T10:00:00'), 90],
    ['a weekend alone', bj('2026-11-28T08:00:00'), bj('2026-11-29T20:00:00'), 0],
    ['end before start', bj('2026-11-23T11:00:00'), bj('2026-11-23T10:00:00'), 0],
  ])('%s', (_, from, to, minutes) => {
    expect(workingMinutesBetween(from, to)).toBe(minutes);
  });

  it('is overdue only past four working hours', () => {
    const since = bj('2026-11-23T09:00:00');
    expect(isOverdue(since, Date.parse(bj('2026-11-23T14:30:00')))).toBe(false); // 3 h + 1 h = 240 min exactly
    expect(isOverdue(since, Date.parse(bj('2026-11-23T14:31:00')))).toBe(true);
  });
});
