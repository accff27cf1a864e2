/** Lambda for the contract workflow's seal step (see infra/workflows/contract-signing.asl.json). */
import { useContractFontAt } from '../adapters/pdf/contract-font.js';
import { loadConfig } from '../config.js';
import { seal } from './contract-seal.js';
import { lambdaTask } from './lambda-task.js';

useContractFontAt(loadConfig().CONTRACT_FONT_PATH);
export const handler = lambdaTask(seal);
