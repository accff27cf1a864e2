/**
 * The daily servicing and classification run over 100,000 loans (BENCH_LOANS overrides): the loan-servicing
 * workflow's ASL on the local interpreter, its chunk tasks on the in-memory adapters (DynamoDB Local on two shared
 * cores would time the emulator, not the run). Loans start on 30 different days, so about one in thirty falls due
 * on the measured day; one borrower in seven has no money, so those debits fail and go overdue; one in fifty has a
 * second loan (borrower-level classification). Prints time, loans a second and the peak resident memory.
 */
import { randomUUID } from 'node:crypto';
import { generateCreditCode } from '../shared/credit-code.js';
import { addDays } from '../shared/day-count.js';
import { BRANCHES } from '../shared/divisions.js';
import { buildSchedule } from '../shared/schedule.js';
import { openBook, type LoanRecord } from '../shared/servicing/loan.js';
import { MemoryLedger } from '../functions/adapters/memory/core-banking.js';
import { MemoryApplicationStore } from '../functions/adapters/memory/application-store.js';
import { MemoryExternalSignals } from '../functions/adapters/memory/external-signals.js';
import { MemoryFollowUpTasks } from '../functions/adapters/memory/follow-up-tasks.js';
import { MemoryLoanStore } from '../functions/adapters/memory/loan-store.js';
import { MemoryAdminHistory, MemoryBankConfigStore, MemoryNegativeList } from '../functions/adapters/memory/bank-config.js';
import { runServicingWorkflow } from '../functions/local/servicing-runner.js';
import type { Deps } from '../functions/core/ports.js';

const N = Number(process.env.BENCH_LOANS ?? 100_000);
const DAY = '2026-06-15';

let seed = 42;
const rng = () => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; };

async function main() {
  const loans = new MemoryLoanStore();
  const ledger = new MemoryLedger(randomUUID, () => new Date(`${DAY}T02:00:00Z`));
  const sent: number[] = [0];
  const clock = { now: () => new Date(`${DAY}T02:00:00Z`) };
  const history = new MemoryAdminHistory(clock);
  const deps = {
    loans, coreBanking: ledger, clock, bankConfig: new MemoryBankConfigStore(history),
    notifier: { async send() { sent[0]++; } }, newId: randomUUID, stage: 'bench',
    // Monitoring after servicing walks the applications; the bench's loans have none, so it finds nothing to check.
    applications: new MemoryApplicationStore(), followUps: new MemoryFollowUpTasks(), externalSignals: new MemoryExternalSignals(), negativeList: new MemoryNegativeList(history),
  } as unknown as Deps;

  const seedStart = performance.now();
  let borrower = '';
  for (let i = 0; i < N; i++) {
    const shareBorrower = i % 50 === 1;
    if (!shareBorrower) borrower = generateCreditCode(rng, '410100');
    const branch = BRANCHES[i % BRANCHES.length];
    const start = addDays('2026-05-16', -(i % 30));
    const schedule = buildSchedule({ principal: 30_000_000, rateBps: 345, termMonths: 12, method: 'equal-instalment', startDate: start });
    const book = openBook({ principal: 30_000_000, rateBps: 345, startDate: start, maturityDate: schedule[11].dueDate, method: 'equal-instalment', termMonths: 12 }, schedule);
    // Instalments before the measured day were paid on time.
    for (const row of book.schedule) if (row.dueDate < DAY) { row.paidPrincipal = row.principal; row.paidInterest = row.interest; }
    book.penalty.through = addDays(DAY, -1);
    const at = `${start}T02:00:00.000Z`;
    const loan: LoanRecord = {
      ...book, id: `L${String(i).padStart(7, '0')}`, version: 1, status: 'active', ownerId: `o${i}`,
      borrower: { name: `企业${i}`, creditCode: borrower }, branch: { code: branch.code, name: branch.nameEn, nameZh: branch.nameZh },
      accountManager: `am.${branch.code}@demo.kedai`, product: 'tech-loan', contractNo: `KD-${i}`,
      repaymentAccount: { accountName: `企业${i}`, accountNo: '6217', bankName: '河南科创商业银行' },
      disbursement: { transactionId: `T${i}`, at, amount: 30_000_000 }, createdAt: at, updatedAt: at,
      servicedThrough: addDays(DAY, -1), daysPastDue: 0, classification: { class: 'normal', since: start, reasons: [] }, classHistory: [],
      band: 'green', quotes: [], history: [],
      reminders: book.schedule.filter((r) => r.dueDate < DAY).flatMap((r) => [`${r.period}:before`, `${r.period}:due`]),
    };
    await loans.create(loan);
    if (!shareBorrower) await ledger.setAccountBalance(borrower, i % 7 === 3 ? 0 : 100_000_000);
  }
  const seedMs = performance.now() - seedStart;
  console.log(`  (seeded ${N.toLocaleString('en')} loans in ${(seedMs / 1000).toFixed(1)} s; running the day…)`);

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  await runServicingWorkflow(deps, DAY);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  let debited = 0;
  let overdue = 0;
  for (const b of BRANCHES) {
    let cursor: string | undefined;
    do {
      const page = await loans.branchPage(b.code, { limit: 1000, cursor });
      for (const l of page.items) { debited += l.repayments.length; if (l.history.some((h) => h.type === 'debit-failed')) overdue++; }
      cursor = page.cursor;
    } while (cursor);
  }
  const chunks = BRANCHES.reduce((a, b) => a + Math.ceil(Math.ceil(N / BRANCHES.length) / 200), 0);
  console.log(`daily servicing run (loan-servicing.asl.json on the local interpreter, in-memory adapters), ${N.toLocaleString('en')} loans, day ${DAY}:`);
  console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`  run: ${(ms / 1000).toFixed(2)} s (${Math.round(N / (ms / 1000)).toLocaleString('en')} loans/s) over ~${chunks} chunks of ≤200 loans`);
  console.log(`  debits taken ${debited.toLocaleString('en')}, failed for lack of funds ${overdue.toLocaleString('en')}, reminders sent ${sent[0].toLocaleString('en')}`);
  console.log(`  peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (heap before the run ${(heapBefore / 2 ** 20).toFixed(0)} MiB)`);
}

await main();
