/**
 * The in-memory composition: every port in process memory, nothing to start, nothing left behind; workflows still
 * run on the ASL interpreter. Its own module so that only tests, benches and `ADAPTERS=memory` load these adapters:
 * the Lambda entries import functions/wiring.ts, which does not import this file.
 */
import { randomUUID } from 'node:crypto';
import { MemoryAccountStore } from './adapters/memory/account-store.js';
import { MemoryApplicationStore } from './adapters/memory/application-store.js';
import { MemoryAuth } from './adapters/memory/auth.js';
import { MemoryAdminHistory, MemoryBankConfigStore, MemoryNegativeList } from './adapters/memory/bank-config.js';
import { ShiftableClock } from './adapters/memory/clock.js';
import { MemoryLedger } from './adapters/memory/core-banking.js';
import { MemoryDocumentRecords } from './adapters/memory/document-records.js';
import { MemoryDocumentStorage } from './adapters/memory/document-storage.js';
import { MemoryEnterpriseStore } from './adapters/memory/enterprise-store.js';
import { MemoryExternalSignals } from './adapters/memory/external-signals.js';
import { MemoryFollowUpTasks } from './adapters/memory/follow-up-tasks.js';
import { MemoryLoanStore } from './adapters/memory/loan-store.js';
import { MemoryLeadStore } from './adapters/memory/lead-store.js';
import { MemoryOutbox } from './adapters/memory/outbox.js';
import { MemorySeal } from './adapters/memory/seal.js';
import { MemoryStaffDirectory } from './adapters/memory/staff-directory.js';
import { demoNegativeListEntries } from './adapters/negative-list/local-negative-list.js';
import { OutboxNotifier } from './adapters/notifier/outbox-notifier.js';
import { LocalRegistry } from './adapters/registry/local-registry.js';
import { listReader } from './adapters/target-list/list-reader.js';
import type { Config } from './config.js';
import { assemble, registryFor, type Adapters, type WireOptions, type Wired } from './composition.js';

/** `wire` for `ADAPTERS=memory` (config from `loadConfig({ ADAPTERS: 'memory', … })`). */
export function wireMemory(config: Config, opts: WireOptions = {}): Wired {
  if (config.ADAPTERS !== 'memory') throw new Error(`wireMemory composes the in-memory adapters; ADAPTERS is ${config.ADAPTERS} (use wire from functions/wiring.ts).`);
  const newId = () => randomUUID();
  return assemble(config, memoryAdapters(config, opts, newId), newId, opts.localRunner);
}

function memoryAdapters(config: Config, opts: WireOptions, newId: () => string): Adapters {
  const clock = new ShiftableClock();
  const now = () => clock.now();
  const documentsStorage = new MemoryDocumentStorage(config.DOCUMENTS_BUCKET, now);
  const contractsStorage = new MemoryDocumentStorage(config.CONTRACTS_BUCKET, now);
  const workflow = opts.localRunner;
  if (!workflow) throw new Error('In-memory adapters run workflows in-process: pass the local runner.');
  const history = new MemoryAdminHistory(clock);
  const registry = registryFor(config, config.AWS_REGION);
  return {
    ports: {
      applications: new MemoryApplicationStore(),
      documentRecords: new MemoryDocumentRecords(),
      staff: new MemoryStaffDirectory(),
      documents: documentsStorage,
      contracts: contractsStorage,
      seal: new MemorySeal(),
      coreBanking: new MemoryLedger(newId, now),
      workflow,
      notifier: new OutboxNotifier(new MemoryOutbox(), newId, now),
      auth: new MemoryAuth(opts.users ?? [], { clientId: config.USER_POOL_CLIENT_ID, now }),
      registry,
      enterprises: new MemoryEnterpriseStore(),
      negativeList: new MemoryNegativeList(history, demoNegativeListEntries(undefined, registry instanceof LocalRegistry ? registry.negativeListed() : [])),
      bankConfig: new MemoryBankConfigStore(history, opts.configSeed),
      leads: new MemoryLeadStore(),
      listReader,
      accounts: new MemoryAccountStore(),
      clock,
      loans: new MemoryLoanStore(),
      followUps: new MemoryFollowUpTasks(),
      externalSignals: new MemoryExternalSignals(),
    },
    memory: { documentsStorage, contractsStorage, clock },
    async ping() {},
  };
}

