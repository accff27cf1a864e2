/** Loading the application for a task, and the contract steps' shared reads and writes. */
import type { BankConfig } from '../../shared/bank-config.js';
import type { DecisionInput } from '../../shared/decision.js';
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

/** The facts Screen hands on: the decision's inputs and the configuration version they are decided under. */
export type Facts = DecisionInput & { configVersion?: number };

/**
 * The configuration a run decides under: the version Screen found in force, so a change approved mid-run does not
 * split one decision across two versions. A run started before versions were recorded takes the one in force.
 */
export async function configFor(deps: Deps, version?: number): Promise<BankConfig> {
  const found = version === undefined ? null : await deps.bankConfig.get(version);
  if (version !== undefined && !found) throw new PermanentError(`Configuration version ${version} does not exist.`);
  return found ?? deps.bankConfig.inForce(deps.clock.now());
}
