/** Rendering the contract for an approved offer, shared by the two tasks that may do it first. */
import { beijingDate } from '../../shared/day-count.js';
import { contractModelFor, contractTerms } from '../../shared/contract/contract-model.js';
import { contractText, contractTextKey } from '../../shared/contract/contract-text.js';
import type { ApplicationRecord, ContractState, Decision } from '../../shared/types.js';
import { useContractFontAt } from '../adapters/pdf/contract-font.js';
import { prepareContractPdf, renderContractPdf } from '../adapters/pdf/contract-pdf.js';
import type { Config } from '../config.js';
import type { Deps } from '../core/ports.js';
import { sha256 } from '../core/sha256.js';

/** Init-phase work, so the first contract does not pay for the font and wasm set-up. */
export async function warmPdf(config: Config) {
  useContractFontAt(config.CONTRACT_FONT_PATH);
  await prepareContractPdf();
}

/** Renders and stores the contract for `decision`'s offer; the caller records the returned state. */
export async function renderContract(deps: Deps, app: ApplicationRecord, decision: Decision): Promise<ContractState> {
  const now = deps.clock.now().toISOString();
  // The Beijing date: a contract made at 07:00 in Zhengzhou (23:00 UTC the day before) carries today's date.
  const contractDate = beijingDate(now);
  const contractNo = `KD-${contractDate.replaceAll('-', '')}-${app.id.slice(0, 8).toUpperCase()}`;
  const model = contractModelFor({ ...app, decision }, { contractNo, contractDate });
  const pdf = await renderContractPdf(model);
  const digest = sha256(pdf);
  const generatedKey = `contracts/${app.id}/generated.pdf`;
  // Deterministic for the same record and day, so a retried attempt overwrites with the same bytes.
  // The words the PDF was drawn with, for reading on a phone: stored beside it, so the API serves them without
  // carrying the contract model (the PDF is what is signed; the text is written first, so a PDF never lacks one).
  await deps.contracts.write(contractTextKey(app.id), new TextEncoder().encode(JSON.stringify(contractText(model))), 'application/json');
  await deps.contracts.write(generatedKey, pdf, 'application/pdf');
  return {
    contractNo, contractDate, terms: contractTerms(model), generatedKey, generatedSha256: digest,
    trail: [{ step: 'generated', at: now, actor: 'system', sha256After: digest }],
  };
}
