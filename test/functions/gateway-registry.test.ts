/**
 * The registry's AWS adapter against a fake of the bank's data gateway on loopback: the contract is
 * GET {endpoint}/enterprises/{code} with the shared secret as a bearer token → 200 facts | 404. The local adapter
 * serves the same facts from the data set, so both answer alike.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayRegistry } from '../../functions/adapters/registry/gateway-registry.js';
import { LocalRegistry } from '../../functions/adapters/registry/local-registry.js';

const SECRET = 'test-secret-value';
const local = new LocalRegistry();
let server: Server;
let endpoint: string;
let mode: 'ok' | 'broken' | 'slow' | 'garbage' = 'ok';
const seen: { path: string; auth?: string }[] = [];

beforeAll(async () => {
  await local.lookup('warm-up'); // the data set loads once, not inside the first request's timeout
  server = createServer(async (req, res) => {
    seen.push({ path: req.url ?? '', auth: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${SECRET}`) return res.writeHead(401).end();
    if (mode === 'broken') return res.writeHead(500).end('oops');
    // Far beyond the slow case's timeout, so the abort is what ends it however busy the machine is.
    if (mode === 'slow') return setTimeout(() => { if (!res.destroyed) res.writeHead(200).end('{}'); }, 10_000).unref();
    if (mode === 'garbage') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"creditCode":1}');
    const code = decodeURIComponent((req.url ?? '').replace(/^\/v1\/enterprises\//, ''));
    const facts = await local.lookup(code);
    if (!facts) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(facts));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});
afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

/** A short timeout only where the test is about the timeout: elsewhere a busy machine must not turn an answer into 503. */
const gateway = (secret = SECRET, timeoutMs = 30_000) => new GatewayRegistry({ endpoint, secret: async () => secret, timeoutMs });

describe('the data gateway adapter', () => {
  it('answers the same facts as the local data set, sending the secret as a bearer token', async () => {
    const [firm] = await local.demoEnterprises({ division: '410300', kind: 'strong' });
    mode = 'ok';
    const facts = await gateway().lookup(firm.creditCode.toLowerCase());
    expect(facts).toEqual(await local.lookup(firm.creditCode));
    expect(seen.at(-1)).toEqual({ path: `/v1/enterprises/${firm.creditCode}`, auth: `Bearer ${SECRET}` });
  });

  it('answers null for a code the registry does not have', async () => {
    mode = 'ok';
    expect(await gateway().lookup('91410100MA9K3X7Q23')).toBeNull();
  });

  it.each(['broken', 'slow', 'garbage'] as const)('turns a %s gateway into 503 registry-unavailable, never a guess', async (m) => {
    mode = m;
    const [firm] = await local.demoEnterprises({ kind: 'strong' });
    await expect(gateway(SECRET, m === 'slow' ? 200 : undefined).lookup(firm.creditCode)).rejects.toMatchObject({ code: 'registry-unavailable', status: 503 });
  });

  it('refuses to pass a wrong secret off as an answer', async () => {
    mode = 'ok';
    const [firm] = await local.demoEnterprises({ kind: 'strong' });
    await expect(gateway('wrong').lookup(firm.creditCode)).rejects.toMatchObject({ status: 503 });
  });
});
