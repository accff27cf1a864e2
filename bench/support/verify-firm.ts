/**
 * An unclaimed demo firm verified for a token's account over the API, as a person would: POST /api/enterprises, the
 * micro-deposit read from the local bank statement, confirm-deposit. The one implementation behind the bench's
 * burst (over HTTP) and the test harnesses (over any Api); it takes the caller's `call`, so it imports neither.
 */
import type { DemoKind } from '../../shared/enterprise.js';

export type FirmCall = (method: string, path: string, opts?: { token?: string; body?: unknown }) => Promise<{ status: number; body: any }>;

export interface DemoFirm {
  creditCode: string;
  name: string;
  legalRepresentative: { name: string; idNumber: string };
}

/** `used` holds the codes this caller has picked already, so parallel picks on one stack never race for a firm. */
export async function verifyFirm(call: FirmCall, token: string, division: string, kind: DemoKind, used: Set<string>): Promise<DemoFirm> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const list = await call('GET', `/api/dev/enterprises?division=${division}&kind=${kind}&unclaimed=true&limit=200`);
    if (list.status !== 200) throw new Error(`dev enterprises: ${list.status} ${JSON.stringify(list.body)}`);
    const free = (list.body as DemoFirm[]).filter((e) => !used.has(e.creditCode));
    if (!free.length) throw new Error(`no unclaimed ${kind} firm left in ${division}`);
    const firm = free[Math.floor(Math.random() * free.length)];
    used.add(firm.creditCode);
    const started = await call('POST', '/api/enterprises', { token, body: { creditCode: firm.creditCode, legalRepresentative: firm.legalRepresentative } });
    // Someone else claimed it first, or a refusal test spent this account's tries on it today.
    if (started.status === 409 || started.status === 429) continue;
    if (started.status !== 201) throw new Error(`verify ${firm.creditCode}: ${started.status} ${JSON.stringify(started.body)}`);
    const statement = await call('GET', `/api/dev/bank-statement?creditCode=${firm.creditCode}`);
    const deposit = (statement.body as { amount: number; memo: string; direction: string }[]).find((p) => p.direction === 'credit');
    if (!deposit) throw new Error(`no micro-deposit on ${firm.creditCode}'s statement`);
    const confirmed = await call('POST', `/api/enterprises/${firm.creditCode}/confirm-deposit`, { token, body: { amount: deposit.amount, memo: deposit.memo } });
    if (confirmed.status === 409) continue;
    if (confirmed.status !== 200) throw new Error(`confirm ${firm.creditCode}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
    return firm;
  }
  throw new Error(`could not verify a ${kind} firm in ${division}`);
}

/** A FirmCall over plain HTTP to a stack's origin (bench scripts). */
export function httpCall(baseUrl: string): FirmCall {
  return async (method, path, { token, body } = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}
