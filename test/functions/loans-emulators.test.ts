/**
 * The loan's life (DESIGN.md §7.2, issue 13's check) through the HTTP API of a local stack on the real emulators:
 * the same scenario as loans.test.ts (test/support/loan-life.ts), with DynamoDB Local behind every read and write,
 * the clock walked ~95 days through POST /api/dev/clock.
 */
import { describe, expect, it } from 'vitest';
import { loanLife, prepayOnFirstDay } from '../support/loan-life.js';
import { useLocalStack } from '../support/local-stack.js';

const api = useLocalStack();

describe('the loan\'s life on the emulators', () => {
  it('prepays in full today and then refuses a quote on the settled loan, naming the field', async () => {
    await prepayOnFirstDay(api);
  });
  it('debits, goes overdue, is reclassified with reasons, quotes, states and reaches staff', async () => {
    const walk = await loanLife(api);
    console.log(`clock walk: ${walk.days} days in ${walk.calls} calls, ${(walk.ms / 1000).toFixed(1)} s`);
    expect(walk.days).toBeGreaterThan(90);
  });
});
