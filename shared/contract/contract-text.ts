/**
 * The contract's words, once: the PDF (functions/adapters/pdf/contract-pdf.ts) draws them on A4 pages, and the
 * applicant's text view (GET /api/applications/{id}/contract/text) shows them reflowed for a phone. One source,
 * so the two can never say different things.
 */
import { formatYuan } from './amount-words.js';
import type { ContractArticle, ContractModel, SignatureBlock } from './contract-model.js';

export interface ContractText {
  contractNo: string;
  title: string;
  /** 合同编号：… */
  subtitle: string;
  parties: { label: string; value: string }[];
  preamble: string;
  articles: ContractArticle[];
  /** （以下无正文） */
  closing: string;
  signatures: SignatureBlock[];
  signedOnLabel: string;
  annex: {
    title: string;
    summary: string;
    columns: string[];
    /** Period, due date, principal, interest, instalment, principal left (yuan, as printed). */
    rows: string[][];
    totals: string[];
    note: string;
  };
}

export const SCHEDULE_COLUMNS_ZH = ['期数', '还款日', '应还本金（元）', '应还利息（元）', '本息合计（元）', '剩余本金（元）'];

export function contractText(model: ContractModel): ContractText {
  const parties: [string, string][] = [
    ['贷款人（甲方）', model.lender.nameZh], ['英文名称', model.lender.nameEn], ['住所', model.lender.address],
    ['借款人（乙方）', model.borrower.name], ['统一社会信用代码', model.borrower.creditCode],
    ...(model.borrower.legalRepresentative ? [['法定代表人', model.borrower.legalRepresentative] as [string, string]] : []),
    ...(model.borrower.address ? [['住所', model.borrower.address] as [string, string]] : []),
    ['所属行业', model.borrower.industry],
  ];
  let remaining = model.amount.fen;
  const rows = model.repayment.schedule.map((r) => {
    remaining -= r.principal;
    return [String(r.period), r.dueDate, formatYuan(r.principal), formatYuan(r.interest), formatYuan(r.principal + r.interest), formatYuan(remaining)];
  });
  const t = model.repayment.totals;
  return {
    contractNo: model.contractNo,
    title: model.title,
    subtitle: `合同编号：${model.contractNo}`,
    parties: parties.map(([label, value]) => ({ label, value })),
    preamble: `借款人因${model.purpose}需要，向贷款人申请${model.product.nameZh}借款。贷款人经审查同意发放。双方根据《中华人民共和国民法典》等有关法律法规，经平等协商，订立本合同，共同遵守。`,
    articles: model.articles,
    closing: '（以下无正文）',
    signatures: [model.signatures.lender, model.signatures.borrower],
    signedOnLabel: '签署日期：',
    annex: {
      title: '附件：还款计划表',
      summary: `借款金额：¥${model.amount.figures}（${model.amount.capitals}）    年利率：${model.rate.annual}    还款方式：${model.repayment.methodZh}    期限：${model.term.months}个月`,
      columns: SCHEDULE_COLUMNS_ZH,
      rows,
      totals: ['合计', '', formatYuan(t.principal), formatYuan(t.interest), formatYuan(t.total), ''],
      note: '注：利息按当前年利率测算；利率按合同约定调整后，以贷款人重新计算的还款计划为准。',
    },
  };
}

/** Where the contract's text is stored beside its PDF (written by the task that renders the PDF). */
export const contractTextKey = (applicationId: string) => `contracts/${applicationId}/text.json`;
