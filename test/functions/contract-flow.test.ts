import { describe, expect, it } from 'vitest';
import { task as disburse } from '../../functions/workflow/disburse.js';
import { pdfSig, pdfText } from './contract/poppler.js';
import { applyAndSubmit, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';

const api = useLocalStack();
const APPLICANT = 'applicant@demo.kedai';

async function fetchPdf(path: string, token: string) {
  const res = await fetch(`${api.stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function latestCode(username: string) {
  const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(username)}`);
  const message = res.body.find((m: { kind: string }) => m.kind === 'contract-otp');
  return /验证码为\s*(\d{6})/.exec(message.body)![1];
}

async function waitForStatus(token: string, id: string, status: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.call('GET', `/api/applications/${id}`, { token });
    if (res.body.status === status) return res.body;
    if (Date.now() > until) throw new Error(`${id} stayed ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('contract, e-signing, seal and disbursement', () => {
  it('takes an automatically approved loan from contract to active, with a valid seal that any change breaks', async () => {
    const token = await api.token(APPLICANT);
    const base = await strongApplication(api, token, '410100');
    // The applicant types another name: the contract names the enterprise verified, as the registry has it.
    const typed = '河南喆堃智能科技有限公司';
    const input = { ...base, enterprise: { ...base.enterprise, name: typed } };
    const id = await applyAndSubmit(api, token, input);
    expect((await waitForDecision(api, token, id)).status).toBe('approved');

    const contract = await fetchPdf(`/api/applications/${id}/contract`, token);
    expect(contract.status).toBe(200);
    expect(contract.type).toBe('application/pdf');
    expect(contract.disposition).toMatch(/^attachment/);
    expect(pdfText(contract.bytes)).toContain(base.enterprise.name);
    expect(pdfText(contract.bytes)).not.toContain(typed);
    expect(pdfText(contract.bytes)).toContain('法定代表人');
    expect(pdfText(contract.bytes)).toContain('叁拾万元整');

    // Another enterprise sees none of it.
    const other = await api.token('applicant2@demo.kedai');
    expect((await fetchPdf(`/api/applications/${id}/contract`, other)).status).toBe(404);
    expect((await api.call('POST', `/api/applications/${id}/contract/otp`, { token: other })).status).toBe(404);
    expect((await api.call('POST', `/api/applications/${id}/contract/sign`, { token: other, body: { signature: { type: 'typed', text: 'x' }, otp: '123456' } })).status).toBe(404);
    expect((await fetchPdf(`/api/applications/${id}/contract/signed`, other)).status).toBe(404);

    expect((await api.call('POST', `/api/applications/${id}/contract/otp`, { token })).status).toBe(202);
    const code = await latestCode(APPLICANT);
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: wrong } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('otp-invalid');
    expect(refused.body.error.message).toMatch(/4 attempt/);

    const signed = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: code } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.status).toBe('signed');

    const active = await waitForStatus(token, id, 'active');
    expect(active.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['contract-signed', 'contract-reviewed', 'contract-sealed', 'disbursed']));

    const sealed = await fetchPdf(`/api/applications/${id}/contract/signed`, token);
    expect(sealed.status).toBe(200);
    expect(pdfSig(sealed.bytes)).toMatch(/Signature is Valid/);
    const text = pdfText(sealed.bytes);
    expect(text.match(/[0-9a-f]{64}/g)!.length).toBeGreaterThanOrEqual(4);
    const tampered = sealed.bytes.slice();
    const at = Math.floor(tampered.length / 3);
    tampered[at] ^= 0x01;
    expect(pdfSig(tampered)).not.toMatch(/Signature is Valid/);

    // A replayed disbursement pays nothing more.
    await disburse.run(api.stack.wired.deps, { applicationId: id });
    expect(await api.stack.wired.deps.coreBanking.payments(id)).toHaveLength(1);
    // …and tells nothing twice: on the emulators' outbox, one notice per status change, approval to payout.
    const outbox = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(APPLICANT)}`);
    const mine = (outbox.body as { kind: string; body: string }[]).filter((m) => m.body.includes(base.enterprise.name)).map((m) => m.kind);
    for (const kind of ['application-submitted', 'application-approved', 'application-signed', 'application-active']) {
      expect(mine.filter((k) => k === kind), kind).toHaveLength(1);
    }

    // A replayed sign returns the first result.
    const again = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: code } });
    expect(again.status).toBe(200);
  });

  it('refuses contracts before approval and codes after five wrong tries', async () => {
    const token = await api.token(APPLICANT);
    const pending = await applyAndSubmit(api, token, await strongApplication(api, token, '410300', { amount: 800_000_000 }));
    await waitForDecision(api, token, pending);
    expect((await fetchPdf(`/api/applications/${pending}/contract`, token)).status).toBe(409);

    // Approved by people (written here as the review chain's last approval would): the first request starts the
    // contract run, which renders the PDF in a moment; the API waits for it rather than answering 503.
    const referred = (await api.stack.wired.deps.applications.get(pending))!;
    expect(referred.contract).toBeUndefined();
    expect(await api.stack.wired.deps.applications.update({ ...referred, status: 'approved', version: referred.version + 1 }, [{ type: 'approved', actor: 'test' }])).toBe(true);
    const prepared = await fetchPdf(`/api/applications/${pending}/contract`, token);
    expect(prepared.status).toBe(200);
    expect(pdfText(prepared.bytes)).toContain('捌佰万元整');
    const events = (await api.call('GET', `/api/applications/${pending}`, { token })).body.events.map((e: { type: string }) => e.type);
    expect(events.filter((t: string) => t === 'contract-generated')).toHaveLength(1);

    const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410100'));
    await waitForDecision(api, token, id);
    await api.call('POST', `/api/applications/${id}/contract/otp`, { token });
    const code = await latestCode(APPLICANT);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: wrong } });
    }
    const locked = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'typed', text: '张伟' }, otp: code } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('otp-locked');
    const bad = await api.call('POST', `/api/applications/${id}/contract/sign`, { token, body: { signature: { type: 'drawn', png: 'data:image/png;base64,AAAA' }, otp: code } });
    expect([422, 429]).toContain(bad.status);
  });
});
