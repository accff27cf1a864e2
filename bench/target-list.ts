/**
 * Target-list import figures: a generated 20,652-row list (the provincial count the thesis cites; ~2 % duplicate
 * rows, ~1 % malformed, figures in 万元) imported on the in-memory adapters through the real use cases and the
 * target-list ASL on the local interpreter. Prints wall time and peak resident memory (goal ≤ 20 s, ≤ 300 MB on
 * 2 cores). Run: npx tsx bench/target-list.ts
 */
import { performance } from 'node:perf_hooks';
import { generateCreditCode } from '../shared/credit-code.js';
import { BRANCHES, HENAN_DIVISIONS } from '../shared/divisions.js';
import { mulberry32 } from '../shared/scoring/prng.js';
import { loadConfig } from '../functions/config.js';
import { startTargetListImport, requestTargetListUpload } from '../functions/core/use-cases/target-lists.js';
import { demoAccounts } from '../functions/local/demo-accounts.js';
import { LocalWorkflowRunner } from '../functions/local/workflow-runner.js';
import { wireMemory } from '../functions/memory-wiring.js';

export const LIST_ROWS = 20_652;
const INDUSTRIES = ['软件和信息技术服务业', '集成电路设计', '生物医药', '新材料', '新能源', '智能制造装备', '节能环保', '科技服务', '现代农业', '文化创意'];
const LABELS = ['科技型中小企业', '高新技术企业', '专精特新中小企业', '专精特新“小巨人”企业'];

export function generateList(rows = LIST_ROWS, seed = 15): string {
  const rng = mulberry32(seed);
  const lines = ['统一社会信用代码,企业名称,所在地区,所属行业,成立日期,认定类型,年度,营业收入（万元）,资产总额（万元）,负债总额（万元）,净利润（万元）'];
  const codes: string[] = [];
  for (let i = 0; i < rows; i++) {
    const d = HENAN_DIVISIONS[Math.floor(rng() * HENAN_DIVISIONS.length)];
    const dup = codes.length > 10 && rng() < 0.02;
    let code = dup ? codes[Math.floor(rng() * codes.length)] : generateCreditCode(rng, d.code);
    if (!dup) codes.push(code);
    if (rng() < 0.01) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0'); // a typing error
    const revenue = Math.round(200 + rng() * 20_000);
    const assets = Math.round(revenue * (0.5 + rng()));
    const year = 1995 + Math.floor(rng() * 30);
    lines.push([
      code, `${d.nameZh.replace(/市$/, '')}示例科技${i}有限公司`, d.nameZh, INDUSTRIES[Math.floor(rng() * INDUSTRIES.length)],
      `${year}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-15`, LABELS[Math.floor(rng() * LABELS.length)], '2025',
      revenue, assets, Math.round(assets * (0.2 + rng() * 0.6)), Math.round(revenue * (rng() * 0.25 - 0.05)),
    ].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export async function runTargetListBench(rows = LIST_ROWS) {
  const config = loadConfig({ ADAPTERS: 'memory', STAGE: 'local' });
  const localRunner = new LocalWorkflowRunner({ retryPauseMs: 5 });
  const wired = wireMemory(config, { localRunner });
  const deps = wired.deps;
  for (const a of demoAccounts(BRANCHES.map((b) => b.code)).filter((a) => a.branch)) {
    await deps.staff.putStaff({ username: a.username, branch: a.branch!, roles: a.groups });
  }
  const hq = { sub: 'hq', username: 'hq@demo.kedai', groups: ['head-office'] };
  const bytes = new TextEncoder().encode(generateList(rows));

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const t0 = performance.now();
  const { importId } = await requestTargetListUpload(deps, hq, { fileName: 'bench.csv', size: bytes.byteLength, contentType: 'text/csv', source: 'bench', label: '' });
  await deps.documents.write(`target-lists/${importId}/list`, bytes, 'text/csv');
  await startTargetListImport(deps, hq, importId);
  await localRunner.idle();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rec = await deps.leads.getImport(importId);
  return { rows, bytes: bytes.byteLength, ms, peakRssMb: peak / 1024 / 1024, status: rec?.status, summary: rec?.summary && { ...rec.summary, badRows: rec.summary.badRows.length } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runTargetListBench();
  console.log(`target list: ${r.rows} rows (${(r.bytes / 1024 / 1024).toFixed(1)} MB CSV) imported in ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB (goal ≤ 20 s, ≤ 300 MB)`);
  console.log(`  status ${r.status}; ${JSON.stringify(r.summary)}`);
  const over = [r.status !== 'done' && `status ${r.status}`, r.ms > 20_000 && 'time over 20 s', r.peakRssMb > 300 && 'peak RSS over 300 MB'].filter(Boolean);
  console.log(over.length ? `  FAIL: ${over.join(', ')}` : '  ok: within goal');
  if (over.length) process.exitCode = 1;
}
