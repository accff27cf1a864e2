/** Loading the application for a task, and the contract steps' shared reads and writes. */
import type { ApplicationRecord, ContractState } from '../../shared/types.js';
import type { Deps } from '../core/ports.js';
import { PermanentError } from './define-task.js';

export async function loadApplication(deps: Deps, applicationId: string) {
  const app = await deps.applications.get(applicationId);
  if (!app) throw new PermanentError(`Application ${applicationId} does not exist.`);
  return app;
}

export type WithContract = ApplicationRecord & { contract: NonNullable<ApplicationRecord['contract']> };

/** The application once the borrower has signed (the signature is recorded, perhaps not yet applied). */
export async function loadSigned(deps: Deps, applicationId: string): Promise<WithContract> {
  const app = await loadApplication(deps, applicationId);
  if (!app.contract?.signedOverSha256) throw new PermanentError(`Application ${applicationId} has no signed contract.`);
  return app as WithContract;
}

export async function readContract(deps: Deps, key: string) {
  const stored = await deps.contracts.read(key, 50 * 1024 * 1024);
  if (!stored) throw new Error(`contract object ${key} is not readable yet`);
  return stored.bytes;
}

/** A lost race is retried by the ASL: the next attempt reloads and skips what is done. */
export function written<T>(next: T | null): T {
  if (!next) throw new Error('the application changed during the step; retrying');
  return next;
}

/** The event that records a contract's generation, written with the record that first holds it. */
export const generatedEvent = (c: ContractState) => ({ type: 'contract-generated', actor: 'system', detail: { contractNo: c.contractNo, sha256: c.generatedSha256 } });
