/**
 * The registry port in AWS: the bank's data gateway over HTTPS, which already joins the market regulator's
 * registry, the imported government lists, tax filings and social insurance. `GET {endpoint}/enterprises/{code}`
 * with the shared secret as a bearer token: 200 with the facts, 404 when the registry has no such code.
 * Anything else is the gateway's failure and surfaces as one (the API answers 503, never a guess).
 */
import * as z from 'zod';
import { DomainError } from '../../../shared/errors.js';
import type { EnterpriseFacts } from '../../../shared/enterprise.js';
import type { RegistryPort } from '../../core/ports.js';

const sourced = z.object({ value: z.number().int(), year: z.number().int(), source: z.string().min(1) });
const factsSchema = z.object({
  creditCode: z.string().length(18),
  name: z.string().min(1),
  status: z.enum(['in-operation', 'revoked', 'cancelled']),
  legalRepresentative: z.object({ name: z.string().min(1), idNumber: z.string().min(15).max(18) }),
  division: z.string().regex(/^\d{6}$/),
  industry: z.string(),
  establishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  registeredCapital: z.number().int().min(0),
  address: z.string(),
  labels: z.array(z.object({ label: z.string().min(1), source: z.string().min(1), year: z.number().int() })),
  financials: z.object({ revenue: sourced, totalAssets: sourced, totalLiabilities: sourced, netProfit: sourced, rdExpense: sourced }),
  employees: sourced,
  techStaff: sourced,
});

export interface GatewayOptions {
  endpoint: string;
  /** The shared secret, resolved on first use (Secrets Manager in AWS). */
  secret: () => Promise<string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const unavailable = () => new DomainError('registry-unavailable', "The bank's registry data cannot be reached right now; try again shortly.", 503);

export class GatewayRegistry implements RegistryPort {
  private secret?: Promise<string>;

  constructor(private readonly opts: GatewayOptions) {}

  async lookup(creditCode: string): Promise<EnterpriseFacts | null> {
    this.secret ??= this.opts.secret().catch((err) => { this.secret = undefined; throw err; });
    const token = await this.secret;
    const url = `${this.opts.endpoint.replace(/\/$/, '')}/enterprises/${encodeURIComponent(creditCode.trim().toUpperCase())}`;
    let res: Response;
    try {
      res = await (this.opts.fetch ?? fetch)(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch {
      throw unavailable();
    }
    if (res.status === 404) return null;
    if (!res.ok) throw unavailable();
    const parsed = factsSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw unavailable();
    return parsed.data;
  }
}
