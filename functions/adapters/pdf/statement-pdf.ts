/**
 * The borrower's loan statement (贷款对账单) as an A4 Chinese PDF: the loan's terms, what was due, what was paid
 * and what is outstanding, per instalment and per repayment. Drawn with the contract font and layout, by the
 * statement workflow only (the API streams the stored bytes).
 */
import { PDFDocument } from 'pdf-lib';
import { BANK } from '../../../shared/contract/bank.js';
import { formatYuan } from '../../../shared/contract/amount-words.js';
import { REPAYMENT_METHOD_NAMES_ZH } from '../../../shared/contract/contract-model.js';
import { DAY_COUNT } from '../../../shared/day-count.js';
import { LOAN_CLASS_NAMES } from '../../../shared/servicing/classification.js';
import { instalmentStatus, principalOutstanding, type LoanRecord } from '../../../shared/servicing/loan.js';
import { defaultContractFont, type ContractFont } from './contract-font.js';
import { draw } from './contract-pdf.js';
import { A4, CONTENT_WIDTH, MARGIN, PageFlow, type Rgb } from './page-flow.js';

const GREY: Rgb = [0.4, 0.4, 0.4];
const STATUS_ZH = { due: '未到期', paid: '已还清', overdue: '逾期', 'partly-paid': '部分已还' } as const;
const STATUS_LABEL_ZH = { active: '正常还款中', overdue: '逾期', settled: '已结清' } as const;

function table(flow: PageFlow, columns: { title: string; w: number }[], rows: string[][]) {
  const rowH = 17;
  const size = 8.5;
  const row = (cells: string[], header = false) => {
    flow.ensure(rowH);
    const top = flow.y;
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      flow.page.push({ kind: 'rect', x, y: top - rowH, w: c.w, h: rowH, width: 0.5, ...(header ? { fill: [0.92, 0.92, 0.92] as Rgb } : {}) });
      const right = i >= 2 && !header;
      flow.text(cells[i] ?? '', right ? x + c.w - 4 : x + c.w / 2, top - rowH + 5, size, { align: right ? 'right' : 'center', bold: header });
      x += c.w;
    });
    flow.y = top - rowH;
  };
  row(columns.map((c) => c.title), true);
  for (const r of rows) row(r);
  flow.y -= 10;
}

/** `asOf` is the Beijing date the statement speaks for. */
export async function renderStatementPdf(loan: LoanRecord, asOf: string, contractFont?: ContractFont): Promise<Uint8Array> {
  const font = contractFont ?? await defaultContractFont();
  const flow = new PageFlow(font);
  const y = (fen: number) => formatYuan(fen);
  flow.paragraph('贷款对账单', { size: 18, align: 'center', bold: true, gapAfter: 4 });
  flow.paragraph(`${BANK.nameZh}    截至${asOf}`, { size: 9.5, align: 'center', color: GREY, gapAfter: 12 });
  const lines: [string, string][] = [
    ['借款人', `${loan.borrower.name}（统一社会信用代码 ${loan.borrower.creditCode}）`],
    ['合同编号', loan.contractNo],
    ['借款金额', `¥${y(loan.terms.principal)}    年利率 ${(loan.terms.rateBps / 100).toFixed(2)}%    罚息利率 ${(loan.terms.penaltyRateBps / 100).toFixed(2)}%`],
    ['计息方式', DAY_COUNT.zh],
    ['还款方式', `${REPAYMENT_METHOD_NAMES_ZH[loan.terms.method]}，${loan.terms.termMonths}个月，${loan.terms.startDate} 至 ${loan.terms.maturityDate}`],
    ['还款账户', `${loan.repaymentAccount.accountName}  ${loan.repaymentAccount.accountNo}  ${loan.repaymentAccount.bankName}`],
    ['贷款状态', `${STATUS_LABEL_ZH[loan.status]}；逾期天数 ${loan.daysPastDue} 天；五级分类：${LOAN_CLASS_NAMES[loan.classification.class].zh}`],
  ];
  for (const [k, v] of lines) flow.paragraph(`${k}：${v}`, { size: 10 });
  flow.y -= 6;
  const due = loan.schedule.filter((i) => i.dueDate <= asOf);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const paid = sum(loan.repayments.map((r) => r.amount));
  flow.paragraph(`截至${asOf}：应还本息合计¥${y(sum(due.map((i) => i.principal + i.interest)))}，已还合计¥${y(paid)}（其中本金¥${y(sum(loan.repayments.map((r) => r.principal)))}、利息¥${y(sum(loan.repayments.map((r) => r.interest)))}、罚息¥${y(sum(loan.repayments.map((r) => r.penalty)))}），剩余本金¥${y(principalOutstanding(loan))}，未还罚息¥${y(loan.penalty.accrued - loan.penalty.paid)}。`, { size: 10, gapAfter: 10 });

  flow.paragraph('一、还款计划执行情况', { size: 11, bold: true, gapAfter: 4 });
  const w = CONTENT_WIDTH;
  table(flow, [
    { title: '期数', w: 34 }, { title: '还款日', w: 70 }, { title: '应还本金', w: (w - 164) / 4 }, { title: '应还利息', w: (w - 164) / 4 },
    { title: '已还本金', w: (w - 164) / 4 }, { title: '已还利息', w: (w - 164) / 4 }, { title: '状态', w: 60 },
  ], loan.schedule.map((i) => [String(i.period), i.dueDate, y(i.principal), y(i.interest), y(i.paidPrincipal), y(i.paidInterest), STATUS_ZH[instalmentStatus(i, asOf)]]));

  flow.paragraph('二、还款记录', { size: 11, bold: true, gapAfter: 4 });
  if (!loan.repayments.length) flow.paragraph('暂无还款记录。', { size: 10, gapAfter: 8 });
  else {
    table(flow, [
      { title: '日期', w: 80 }, { title: '类型', w: 60 }, { title: '金额', w: (w - 140) / 4 }, { title: '本金', w: (w - 140) / 4 },
      { title: '利息', w: (w - 140) / 4 }, { title: '罚息', w: (w - 140) / 4 },
    ], loan.repayments.map((r) => [r.date, r.kind === 'prepayment' ? '提前还款' : '按期扣款', y(r.amount), y(r.principal), y(r.interest), y(r.penalty)]));
  }
  flow.paragraph('本对账单由系统生成，金额单位为人民币元。如有疑问，请联系您的客户经理。', { size: 8.5, color: GREY });

  const doc = await PDFDocument.create({ updateMetadata: false });
  const pdfFont = await font.embed(doc, flow.characters());
  for (const ops of flow.pages) draw(doc.addPage([A4.width, A4.height]), ops, pdfFont);
  const made = new Date(`${asOf}T00:00:00+08:00`);
  doc.setTitle(`贷款对账单 ${loan.contractNo}`);
  doc.setLanguage('zh-CN');
  doc.setCreationDate(made);
  doc.setModificationDate(made);
  return doc.save();
}
