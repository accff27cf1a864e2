/**
 * The contract as data: every term the borrower signs, worked out from the approved application
 * and its offer. The PDF adapter only lays this out, so what is checked and what is printed
 * come from the same place.
 */
import type { Product, RepaymentMethod } from '../schemas/application.js';
import type { ApplicationRecord, ContractState, Offer, ScheduleRow } from '../types.js';
import { DomainError } from '../errors.js';
import { DAY_COUNT } from '../day-count.js';
import { BANK, repaymentAccountFor, type Lender } from './bank.js';
import { formatBps, formatChineseDate, formatYuan, toChineseCapital } from './amount-words.js';

export const PRODUCT_NAMES_ZH: Record<Product, string> = {
  'tech-loan': '科技贷',
  'srdi-loan': '专精特新贷',
  'ip-pledge-loan': '知识产权质押贷',
};

export const REPAYMENT_METHOD_NAMES_ZH: Record<RepaymentMethod, string> = {
  'equal-instalment': '等额本息',
  'equal-principal': '等额本金',
  'monthly-interest': '按月付息、到期一次还本',
};

/**
 * Loans above this are paid by the lender straight to the borrower's counterparties
 * (受托支付), as the working-capital loan rules require for large single payments.
 */
export const ENTRUSTED_PAYMENT_THRESHOLD_FEN = 1_000_000_000; // ¥10,000,000

/** The loan prime rate the spread is set against; the caller passes the one in force at signing. */
export interface LoanPrimeRate {
  tenor: '1y' | '5y';
  bps: number;
  publishedOn: string;
}

/** One-year LPR 3.00%, five-year 3.50%, as published on 2025-05-20; used when the caller gives none. */
export const DEFAULT_LPR: Record<LoanPrimeRate['tenor'], LoanPrimeRate> = {
  '1y': { tenor: '1y', bps: 300, publishedOn: '2025-05-20' },
  '5y': { tenor: '5y', bps: 350, publishedOn: '2025-05-20' },
};

export interface BankAccount {
  accountName: string;
  accountNo: string;
  bankName: string;
}

export interface ContractArticle {
  /** 第一条 … */
  no: string;
  title: string;
  paragraphs: string[];
}

export interface SignatureBlock {
  /** Printed above the line, e.g. 借款人（签章） */
  role: string;
  name: string;
}

export interface ContractModel {
  contractNo: string;
  title: string;
  applicationId: string;
  contractDate: string;
  lender: Lender;
  /** The registry's name, code and legal representative (create-application.ts), the rest as declared. */
  borrower: { name: string; creditCode: string; legalRepresentative?: string; address?: string; industry: string };
  product: { code: Product; nameZh: string };
  purpose: string;
  amount: { fen: number; figures: string; capitals: string };
  rate: {
    /** The day-count convention every interest figure of the contract follows (shared/day-count.ts). */
    dayCount: typeof DAY_COUNT.code;
    annualBps: number;
    annual: string;
    lpr: LoanPrimeRate;
    spreadBps: number;
    /** The adjustment method in contract words. */
    adjustment: string;
  };
  term: { months: number; startDate: string; maturityDate: string };
  repayment: {
    method: RepaymentMethod;
    methodZh: string;
    schedule: ScheduleRow[];
    totals: { principal: number; interest: number; total: number };
    account: BankAccount | null;
  };
  payment: { method: 'entrusted' | 'self'; methodZh: string; text: string };
  articles: ContractArticle[];
  signatures: { lender: SignatureBlock; borrower: SignatureBlock };
}

export interface ContractInput {
  application: ApplicationRecord;
  offer: Offer;
  lender: Lender;
  contractNo: string;
  /** ISO date of generation; the clock lives outside shared/. */
  today: string;
  /** The LPR in force; defaults to DEFAULT_LPR for the term's tenor. */
  lpr?: LoanPrimeRate;
  /** The borrower's account for disbursement and repayment, when known at generation. */
  repaymentAccount?: BankAccount;
}

const ARTICLE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

function sum(rows: ScheduleRow[], pick: (r: ScheduleRow) => number): number {
  return rows.reduce((acc, r) => acc + pick(r), 0);
}

export function buildContractModel(input: ContractInput): ContractModel {
  const { application, offer, lender, contractNo, today } = input;
  const { enterprise, loan } = application;
  if (offer.schedule.length === 0) throw new RangeError('An offer without a repayment schedule cannot become a contract.');
  const schedule = [...offer.schedule].sort((a, b) => a.period - b.period);
  const principal = sum(schedule, (r) => r.principal);
  if (principal !== loan.amount) {
    throw new RangeError(`The schedule repays ${principal} fen but the loan is ${loan.amount} fen.`);
  }
  const interest = sum(schedule, (r) => r.interest);
  const maturityDate = schedule[schedule.length - 1].dueDate;
  const lpr = input.lpr ?? DEFAULT_LPR[loan.termMonths > 60 ? '5y' : '1y'];
  const spreadBps = offer.rateBps - lpr.bps;
  const spreadWords = spreadBps >= 0 ? `加${spreadBps}个基点` : `减${-spreadBps}个基点`;
  const lprName = lpr.tenor === '1y' ? '一年期' : '五年期以上';
  const amount = { fen: loan.amount, figures: formatYuan(loan.amount), capitals: toChineseCapital(loan.amount) };
  const methodZh = REPAYMENT_METHOD_NAMES_ZH[loan.repaymentMethod];
  const entrusted = loan.amount > ENTRUSTED_PAYMENT_THRESHOLD_FEN;
  const account = input.repaymentAccount ?? null;
  const accountWords = account
    ? `户名：${account.accountName}；账号：${account.accountNo}；开户行：${account.bankName}。`
    : `借款人在贷款人处开立的基本存款账户（账号以借款借据记载为准）。`;

  const adjustment = `本合同项下借款利率为浮动利率，以${formatChineseDate(lpr.publishedOn)}全国银行间同业拆借中心公布的${lprName}贷款市场报价利率（LPR）${formatBps(lpr.bps)}为定价基准${spreadWords}确定，即年利率${formatBps(offer.rateBps)}。`
    + `本合同项下利息${DAY_COUNT.zh}，按实际占用天数计算，以分为单位四舍五入。`
    + `利率每满一年调整一次，调整日为放款日在每年的对应日，按调整日前最近一次公布的${lprName}LPR加上述基点重新确定；加点数值在合同期限内保持不变。`;

  const payment = entrusted
    ? { method: 'entrusted' as const, methodZh: '贷款人受托支付', text: `本合同项下借款采用贷款人受托支付方式：借款人提出支付申请并提供交易资料，贷款人审核同意后将借款资金通过借款人账户直接支付给符合合同约定用途的借款人交易对象。` }
    : { method: 'self' as const, methodZh: '借款人自主支付', text: `本合同项下借款金额未超过${formatYuan(ENTRUSTED_PAYMENT_THRESHOLD_FEN)}元，采用借款人自主支付方式：贷款人将借款资金发放至借款人账户后，由借款人自主支付给符合合同约定用途的交易对象，借款人应按月向贷款人报告资金支付情况。` };

  const bodies: [string, string[]][] = [
    ['借款金额', [`贷款人向借款人发放${PRODUCT_NAMES_ZH[loan.product]}借款，金额为人民币（大写）${amount.capitals}（小写：¥${amount.figures}）。`]],
    ['借款用途', [`借款用途：${loan.purpose}。借款人不得挪用借款，不得将借款用于股本权益性投资、证券及衍生品投资、房地产或国家禁止生产、经营的领域。`]],
    ['借款期限', [`借款期限为${loan.termMonths}个月，自${formatChineseDate(today)}起至${formatChineseDate(maturityDate)}止；实际放款日与上述日期不一致的，以借款借据记载为准。`]],
    ['借款利率及其调整', [adjustment, `借款人未按期还款的，逾期部分自逾期之日起按本合同约定利率上浮50%计收罚息；挪用借款的，按本合同约定利率加收100%计收罚息。`]],
    ['还款方式及还款计划', [`还款方式：${methodZh}。借款人应按附件《还款计划表》所列日期和金额按期足额还款，共${schedule.length}期，应还本金合计¥${formatYuan(principal)}，利息合计¥${formatYuan(interest)}（按当前利率测算，利率调整后以重新计算的金额为准）。`]],
    ['借款的发放与支付', [payment.text]],
    ['还款账户', [`借款人指定以下账户为放款及还款账户，并授权贷款人在还款日从该账户扣收到期本息：${accountWords}`]],
    ['借款人的义务', [`借款人应按贷款人要求提供财务报表、纳税、研发投入及知识产权等资料，并保证真实、完整、有效；发生经营状况重大变化、涉诉、实际控制人或法定代表人变更等事项的，应在五个工作日内书面通知贷款人。`]],
    ['违约责任', [`借款人违反本合同约定的，贷款人有权停止发放尚未发放的借款、宣布已发放借款提前到期，并要求借款人承担因实现债权所发生的费用。`]],
    ['电子签署', [`本合同以数据电文形式订立。借款人以经短信验证码确认的电子签名签署，贷款人以其数字证书加盖电子印章；双方确认上述电子签名和电子印章依据《中华人民共和国电子签名法》与手写签名或者盖章具有同等法律效力。本合同附审计证书页，记录签署全过程及各步骤文件的SHA-256摘要。`]],
    ['争议解决', [`因本合同产生的争议，双方应协商解决；协商不成的，依法向贷款人住所地人民法院提起诉讼。`]],
    ['合同生效', [`本合同自借款人电子签名并经贷款人加盖电子印章之日起生效。附件《还款计划表》为本合同不可分割的组成部分。`]],
  ];

  return {
    contractNo,
    title: '流动资金借款合同',
    applicationId: application.id,
    contractDate: today,
    lender: { nameZh: lender.nameZh, nameEn: lender.nameEn, address: lender.address },
    borrower: {
      name: enterprise.name, creditCode: enterprise.creditCode,
      ...(enterprise.legalRepresentative ? { legalRepresentative: enterprise.legalRepresentative.name } : {}),
      address: enterprise.address, industry: enterprise.industry,
    },
    product: { code: loan.product, nameZh: PRODUCT_NAMES_ZH[loan.product] },
    purpose: loan.purpose,
    amount,
    rate: { dayCount: DAY_COUNT.code, annualBps: offer.rateBps, annual: formatBps(offer.rateBps), lpr, spreadBps, adjustment },
    term: { months: loan.termMonths, startDate: today, maturityDate },
    repayment: { method: loan.repaymentMethod, methodZh, schedule, totals: { principal, interest, total: principal + interest }, account },
    payment,
    articles: bodies.map(([title, paragraphs], i) => ({ no: `第${ARTICLE_NUMBERS[i]}条`, title, paragraphs })),
    signatures: {
      lender: { role: '贷款人（电子印章）', name: lender.nameZh },
      borrower: { role: '借款人（电子签名）', name: enterprise.name },
    },
  };
}

/**
 * The binding terms in a canonical order, for the loan centre's automatic check: the same
 * approved application and offer always give the same string, and any change to a term changes it.
 */
export function contractTerms(model: ContractModel): string {
  return JSON.stringify([
    model.contractNo, model.applicationId, model.contractDate, model.lender.nameZh, model.borrower.name, model.borrower.creditCode,
    model.product.code, model.purpose, model.amount.fen, model.rate.annualBps, model.rate.lpr.bps, model.rate.spreadBps,
    model.term.months, model.term.maturityDate, model.repayment.method, model.rate.dayCount,
    model.repayment.schedule.map((r) => [r.period, r.dueDate, r.principal, r.interest]),
    model.payment.method, model.repayment.account,
    // Appended only when known, so contracts generated before it was kept keep their terms string.
    ...(model.borrower.legalRepresentative ? [model.borrower.legalRepresentative] : []),
  ]);
}

/** Rebuilds the contract model from the stored application: the same inputs always give the same terms. */
export function contractModelFor(app: ApplicationRecord, contract: Pick<ContractState, 'contractNo' | 'contractDate'>): ContractModel {
  const offer = app.decision?.offer;
  if (!offer) throw new DomainError('no-offer', 'This application has no approved offer to put in a contract.', 409);
  // The LPR the offer was priced on (recorded with the decision from the configuration in force), so the rate clause
  // states the base the spread was added to; records from before versions were kept fall back to the default.
  const priced = app.decision?.lpr;
  const lpr = priced ? { tenor: app.loan.termMonths > 60 ? '5y' as const : '1y' as const, bps: priced.rateBps, publishedOn: priced.publishedOn } : undefined;
  return buildContractModel({
    application: app, offer, lender: BANK, contractNo: contract.contractNo, today: contract.contractDate, lpr,
    // Not the branch: the contract is drawn before the decision records it, and the terms must not move.
    repaymentAccount: repaymentAccountFor(app.enterprise),
  });
}
