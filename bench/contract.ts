/**
 * Contract path figures for a 12-month loan: generate the PDF, apply the borrower's signature,
 * append the audit certificate and seal it, as one Lambda invocation would do them back to back.
 * Goals (issue 4): ≤500 ms, ≤256 MB peak so it fits a small Lambda, ≤200 KiB.
 * The font, harfbuzz wasm and pdf-lib warm up first, as a Lambda's init phase does (timed apart); then the
 * first contract after it and the warm median.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BANK } from '../shared/contract/bank.js';
import { appendAuditPage, applyBorrowerSignature, prepareContractPdf, renderContractPdf } from '../functions/adapters/pdf/contract-pdf.js';
import { LocalP12Seal } from '../functions/adapters/seal/p12-seal.js';
import { contractModel } from './support/contract-fixture.js';

export interface ContractBenchFigures {
  /** Lambda init-phase warm-up (font, harfbuzz wasm, pdf-lib), paid before the first request. */
  prepareMs: number;
  /** The first contract after that warm-up: what the first borrower of a new instance waits. */
  coldMs: number;
  warmMedianMs: number;
  coldPhasesMs: { generate: number; sign: number; audit: number; seal: number };
  warmPhasesMs: { generate: number; sign: number; audit: number; seal: number };
  peakRssMb: number;
  peakHeapMb: number;
  pdfKiB: number;
  runs: number;
  goalsMet: boolean;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runContractBench(runs = 15): Promise<ContractBenchFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kedai-contract-bench-'));
  let peakHeap = 0;
  const sample = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };
  try {
    // The certificate exists before any contract is sealed, so making it is not part of the path.
    const seal = await LocalP12Seal.fromDataDir(dataDir);
    const once = async () => {
      const t0 = performance.now();
      const generated = await renderContractPdf(contractModel({ termMonths: 12 }));
      sample();
      const t1 = performance.now();
      const signed = await applyBorrowerSignature(generated, {
        signature: { type: 'typed', text: '张伟' }, signer: '张伟（法定代表人）', at: '2026-03-20T03:04:05.000Z', ip: '203.0.113.7', userAgent: 'bench',
      });
      sample();
      const t2 = performance.now();
      const audited = await appendAuditPage(signed, [
        { step: 'generated', at: '2026-03-20T02:00:00.000Z', actor: 'workflow', sha256After: sha256(generated) },
        { step: 'signed', at: '2026-03-20T03:04:05.000Z', actor: 'applicant', ip: '203.0.113.7', userAgent: 'bench', sha256Before: sha256(generated), sha256After: sha256(signed) },
        { step: 'reviewed', at: '2026-03-20T03:05:00.000Z', actor: 'loan-centre', sha256Before: sha256(signed), sha256After: sha256(signed) },
        { step: 'sealed', at: '2026-03-20T03:06:00.000Z', actor: 'loan-centre', sha256Before: sha256(signed) },
      ]);
      sample();
      const t3 = performance.now();
      const sealed = await seal.seal(audited, { reason: '贷款合同电子印章', location: '河南省郑州市', name: BANK.nameZh });
      sample();
      const t4 = performance.now();
      return { total: t4 - t0, phases: { generate: t1 - t0, sign: t2 - t1, audit: t3 - t2, seal: t4 - t3 }, bytes: sealed.length };
    };
    const p0 = performance.now();
    await prepareContractPdf();
    const prepareMs = performance.now() - p0;
    const cold = await once();
    const warm: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < runs; i++) warm.push(await once());
    const phase = (k: keyof typeof cold.phases) => median(warm.map((w) => w.phases[k]));
    const figures: ContractBenchFigures = {
      prepareMs,
      coldMs: cold.total,
      warmMedianMs: median(warm.map((w) => w.total)),
      coldPhasesMs: cold.phases,
      warmPhasesMs: { generate: phase('generate'), sign: phase('sign'), audit: phase('audit'), seal: phase('seal') },
      // maxRSS is in KiB and covers the whole process life, cold start included.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      peakHeapMb: peakHeap / 1024 / 1024,
      pdfKiB: cold.bytes / 1024,
      runs,
      goalsMet: false,
    };
    // Time goal per contract, for the first request of a new instance (after its init) and on a warm one.
    figures.goalsMet = figures.coldMs <= 500 && figures.warmMedianMs <= 500 && figures.peakRssMb <= 256 && figures.pdfKiB <= 200;
    return figures;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = await runContractBench();
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log('contract, 12-month loan: generate + borrower signature + audit page + bank seal');
  console.log(`  init        ${ms(f.prepareMs)} warm-up in the Lambda init phase (font, harfbuzz wasm, pdf-lib), before any request`);
  console.log(`  time        first after init ${ms(f.coldMs)}, warm median ${ms(f.warmMedianMs)} over ${f.runs} runs   (goal ≤500 ms)`);
  console.log(`              cold phases: generate ${ms(f.coldPhasesMs.generate)}, sign ${ms(f.coldPhasesMs.sign)}, audit ${ms(f.coldPhasesMs.audit)}, seal ${ms(f.coldPhasesMs.seal)}`);
  console.log(`              warm phases: generate ${ms(f.warmPhasesMs.generate)}, sign ${ms(f.warmPhasesMs.sign)}, audit ${ms(f.warmPhasesMs.audit)}, seal ${ms(f.warmPhasesMs.seal)}`);
  console.log(`  peak memory RSS ${f.peakRssMb.toFixed(0)} MB (whole process, tsx loader included), heap ${f.peakHeapMb.toFixed(0)} MB   (goal ≤256 MB)`);
  console.log(`  sealed PDF  ${f.pdfKiB.toFixed(0)} KiB   (goal ≤200 KiB)`);
  console.log(`  goals ${f.goalsMet ? 'met' : 'NOT met'}`);
}
