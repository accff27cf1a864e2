/**
 * The lender, in one place: the contract's lender block and the subject of the bank's sealing
 * certificate both come from here. A fictitious Henan bank, named the way Chinese banks register.
 */
export const BANK = {
  nameZh: '河南科创商业银行股份有限公司',
  nameEn: 'Henan Kechuang Commercial Bank Co., Ltd.',
  address: '河南省郑州市郑东新区商务外环路18号',
  /** The sealing department, shown as the signer's organisational unit. */
  sealUnitZh: '普惠金融部贷款中心',
} as const;

export interface Lender {
  nameZh: string;
  nameEn: string;
  address: string;
}

/**
 * The borrower's basic account at the bank, where the loan is paid and from which instalments are debited. The
 * local core-banking simulator keeps one account per enterprise under this number; the real core system's number
 * replaces it when the adapter is connected.
 */
export function repaymentAccountFor(enterprise: { name: string; creditCode: string }, branchNameZh?: string) {
  // 16 digits: the bank's prefix 6217 then the credit code's characters folded to digits (stable per enterprise).
  let h = 0;
  for (const ch of enterprise.creditCode) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_000_000;
  return {
    accountName: enterprise.name,
    accountNo: `6217${String(h).padStart(12, '0')}`,
    bankName: `${BANK.nameZh}${branchNameZh ? `${branchNameZh.replace(/市$/, '')}分行` : ''}`,
  };
}
