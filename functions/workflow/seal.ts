/** Lambda for the contract workflow's seal step (see infra/workflows/contract-signing.asl.json). */
import { useContractFontAt } from '../adapters/pdf/contract-font.js';
import { prepareContractPdf } from '../adapters/pdf/contract-pdf.js';
import { loadConfig } from '../config.js';
import { seal } from './contract-seal.js';
import { lambdaTask } from './lambda-task.js';

useContractFontAt(loadConfig().CONTRACT_FONT_PATH);
// Init-phase work, so the first seal does not pay for the font and wasm set-up.
// A broken font must not take the whole function down: the contract request then fails with its own error.
await prepareContractPdf().catch((err) => console.error('contract PDF warm-up failed', err));
export const handler = lambdaTask(seal);
