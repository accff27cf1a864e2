/**
 * What the applicant is told when their application or loan changes status: one notice per change, a sentence a
 * person reads (Chinese first; the applicant's language is not known to the bank, so English follows), money in
 * yuan, no codes or staff names. functions/core/status-notices.ts sends it for every change transition() writes.
 */
import type { ApplicationStatus } from './catalog.js';
import type { LoanStatus } from './lifecycle.js';
import { formatYuan } from './money.js';

export interface StatusNotice {
  kind: string;
  subject: string;
  body: string;
}

/** What a notice about an application may say: no more than the applicant already knows. */
export interface ApplicationFacts {
  enterpriseName: string;
  amount: number;
  /** What a reviewer asked the applicant to fix, on a return. */
  returnNote?: string;
  contractNo?: string;
}

const ref = (f: ApplicationFacts) => ({
  zh: `${f.enterpriseName}的${formatYuan(f.amount, 'zh')}贷款申请`,
  en: `the loan application of ${formatYuan(f.amount, 'en')} for ${f.enterpriseName}`,
});

const SEE = { zh: '详情请登录科贷查看。', en: 'Sign in to Kedai for the details.' };

type Text = { subject: { zh: string; en: string }; zh: string; en: string };

function applicationText(to: ApplicationStatus, from: ApplicationStatus, f: ApplicationFacts): Text | null {
  const r = ref(f);
  switch (to) {
    case 'submitted':
      return from === 'returned'
        ? { subject: { zh: '已收到重新提交的申请', en: 'Resubmission received' }, zh: `您重新提交的${r.zh}已收到，我们将继续审查。`, en: `We have received ${r.en} again and will continue the review.` }
        : { subject: { zh: '已收到贷款申请', en: 'Application received' }, zh: `您的${r.zh}已提交，我们正在审查。`, en: `We have received ${r.en} and are reviewing it.` };
    case 'in-review':
      return from === 'rejected'
        ? { subject: { zh: '申请重新审议', en: 'Application reconsidered' }, zh: `您的${r.zh}已由客户经理提请人工复议。`, en: `An account manager has asked for ${r.en} to be reconsidered by people.` }
        : { subject: { zh: '申请转入人工审查', en: 'Application under review' }, zh: `您的${r.zh}已转由银行工作人员审查，结果将另行通知。`, en: `${cap(r.en)} is being reviewed by the bank's staff; we will tell you the outcome.` };
    case 'approved':
      return { subject: { zh: '贷款申请已批准', en: 'Application approved' }, zh: `您的${r.zh}已获批准，请登录查看并签署借款合同。`, en: `${cap(r.en)} has been approved; sign in to read and sign the loan contract.` };
    case 'rejected':
      return { subject: { zh: '贷款申请未获批准', en: 'Application declined' }, zh: `很遗憾，您的${r.zh}未获批准。${SEE.zh}`, en: `We are sorry: ${r.en} has been declined. ${SEE.en}` };
    case 'returned':
      return {
        subject: { zh: '申请需补充材料', en: 'More information needed' },
        zh: `您的${r.zh}已退回，请按以下要求修改后重新提交${f.returnNote ? `：${f.returnNote}` : '。'}`,
        en: `${cap(r.en)} has been returned to you to complete and submit again${f.returnNote ? `. The reviewer asks: ${f.returnNote}` : '.'}`,
      };
    case 'withdrawn':
      return { subject: { zh: '申请已撤回', en: 'Application withdrawn' }, zh: `您的${r.zh}已撤回，不会再被审查；如需贷款，可随时重新申请。`, en: `${cap(r.en)} has been withdrawn and will not be reviewed; you may apply again at any time.` };
    case 'signed':
      return { subject: { zh: '借款合同已签署', en: 'Contract signed' }, zh: `您已签署${r.zh}的借款合同${f.contractNo ? `（合同编号 ${f.contractNo}）` : ''}，银行盖章后即放款。`, en: `You have signed the loan contract for ${r.en}${f.contractNo ? ` (contract ${f.contractNo})` : ''}; the loan is paid once the bank has sealed it.` };
    case 'active':
      return { subject: { zh: '贷款已发放', en: 'Loan disbursed' }, zh: `${r.zh}项下贷款已发放至贵司账户${f.contractNo ? `（合同编号 ${f.contractNo}）` : ''}。`, en: `The loan under ${r.en}${f.contractNo ? ` (contract ${f.contractNo})` : ''} has been paid to your account.` };
    default:
      return null;
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const notice = (kind: string, t: Text): StatusNotice => ({
  kind, subject: `${t.subject.zh} / ${t.subject.en}`, body: `${t.zh} ${t.en}`,
});

/** The notice for an application moving `from` → `to`; null when the status did not change. */
export function applicationNotice(from: ApplicationStatus, to: ApplicationStatus, facts: ApplicationFacts): StatusNotice | null {
  if (from === to) return null;
  const t = applicationText(to, from, facts);
  return t && notice(`application-${to}`, t);
}

/**
 * The notice for a loan moving `from` → `to`. Falling overdue has none here: servicing already tells the borrower
 * the payment was missed (with what is owed), and a second message for the same day would only repeat it.
 */
export function loanNotice(from: LoanStatus, to: LoanStatus, facts: { contractNo: string; borrower: string }): StatusNotice | null {
  if (from === to || to === 'overdue') return null;
  const c = { zh: `${facts.borrower}的借款合同（${facts.contractNo}）`, en: `the loan under contract ${facts.contractNo} for ${facts.borrower}` };
  if (to === 'settled') {
    return notice('loan-settled', { subject: { zh: '贷款已结清', en: 'Loan repaid' }, zh: `${c.zh}项下贷款已全部结清，感谢您的按时还款。`, en: `${cap(c.en)} has been repaid in full. Thank you.` });
  }
  return notice('loan-current', { subject: { zh: '逾期已结清', en: 'Arrears paid' }, zh: `${c.zh}项下的逾期款项已还清，贷款恢复正常。`, en: `The arrears on ${c.en} are paid; the loan is back in good standing.` });
}
