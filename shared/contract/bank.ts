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
