/**
 * The API's error messages in the caller's language, keyed by error code (DESIGN.md §6 keeps `code` and `fields`
 * as they are; only `message` follows the language). The English message is the one the code wrote, specific as
 * ever; the Chinese one is worded here from the error's params, so no English reaches a Chinese page.
 * functions/api/http.ts picks the language from Accept-Language and calls `localizedMessage` once for every error.
 */
import { DOCUMENT_NAMES } from './reasons.js';
import { ROLE_LABELS, type Role } from './roles.js';
import type { DocumentKind } from './catalog.js';

export type ErrorLocale = 'zh' | 'en';
export type ErrorParams = Record<string, string | number | boolean | string[] | null | undefined>;

export interface LocalizableError {
  code: string;
  message: string;
  status: number;
  params?: ErrorParams;
  details?: Record<string, unknown>;
}

/** Zh words for the statuses an error can name. */
const STATUS_ZH: Record<string, string> = {
  draft: '草稿', submitted: '已提交', 'in-review': '审批中', returned: '已退回', approved: '已批准', rejected: '未批准',
  signed: '已签约', active: '已放款', overdue: '逾期', settled: '已结清', pending: '待定',
};
const STAGE_ZH: Record<string, string> = {
  review: '审查', approval: '审批', 'second-approval': '二级审批', 'head-office-approval': '总行审批', committee: '贷审会',
};
/** Actors that are not people, as refusals name them. */
const SYSTEM_ZH: Record<string, string> = {
  workflow: '审批流程', sla: '时限升级任务', monitoring: '贷后监测', system: '系统', 'loan-centre': '贷款中心自动审核',
  bank: '银行电子印章', 'core-banking': '核心银行系统', servicing: '贷款管理',
};

/** Content types a person recognises: "PDF", not "application/pdf". */
export const CONTENT_TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  'application/pdf': { zh: 'PDF 文件', en: 'PDF' },
  'image/jpeg': { zh: 'JPEG 图片', en: 'JPEG image' },
  'image/png': { zh: 'PNG 图片', en: 'PNG image' },
  'text/csv': { zh: 'CSV 表格', en: 'CSV file' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { zh: 'Excel 表格', en: 'Excel workbook' },
};
export const contentTypeName = (type: string, l: ErrorLocale): string =>
  CONTENT_TYPE_NAMES[type]?.[l] ?? (l === 'zh' ? '所选类型的文件' : 'file of the declared type');

const str = (p: ErrorParams | undefined, k: string) => (typeof p?.[k] === 'string' ? (p[k] as string) : '');
const num = (p: ErrorParams | undefined, k: string) => (typeof p?.[k] === 'number' ? (p[k] as number) : undefined);
const list = (p: ErrorParams | undefined, k: string) => (Array.isArray(p?.[k]) ? (p![k] as string[]) : []);
const status = (s: string) => STATUS_ZH[s] ?? '当前';
const who = (c: string) => ROLE_LABELS[c as Role]?.zh ?? SYSTEM_ZH[c] ?? '指定人员';
const whoList = (cs: string[]) => cs.map(who).join('或');
const left = (n: number | undefined) => (n === undefined ? '' : n > 0 ? `还可尝试${n}次。` : '已无剩余次数。');
const seconds = (message: string) => /(\d+)\s*(?:s|seconds)\b/.exec(message)?.[1];

type Words = (p: ErrorParams | undefined, e: LocalizableError) => string;

/** Why a person may not act: the variants refusals carry in params.why (shared/review-chain.ts, shared/lifecycle.ts, access). */
const FORBIDDEN: Record<string, Words> = {
  'stage-role': (p) => `该申请处于${STAGE_ZH[str(p, 'stage')] ?? '当前'}环节，应由${who(str(p, 'role'))}办理。`,
  'not-on-committee': (p) => `本案由${str(p, 'seat') === 'head-office' ? '总行' : '分行'}贷审会审议，您不在本次贷审会委员之列。`,
  'already-acted': () => '您已对该申请发表过意见，下一步需由他人办理。',
  'claimant-cannot-approve': () => '您是本案的认领人，不能同时审批本案。',
  recused: () => '您已声明回避本申请。',
  'not-permitted': (p) => `该申请处于“${status(str(p, 'from'))}”状态，此操作只能由${whoList(list(p, 'by'))}办理。`,
  'applicant-only': () => '只有申请企业本人可以办理此操作。',
  'apply-applicant-only': () => '只有企业申请人可以申请贷款；银行员工请在审批队列中办理。',
  'staff-only': () => '此功能仅限银行员工使用。',
  'head-office-only': () => '此操作仅限总行办理。',
  'no-branch': () => '您的账号尚未分配分行，请联系总行。',
  'owner-only': () => '只有该企业的管理人可以邀请成员。',
  'role-only': (p) => `此操作仅限${whoList(list(p, 'roles'))}办理。`,
};

const ZH: Record<string, Words> = {
  // Requests and sessions
  'validation-failed': () => '请检查标出的字段。',
  'invalid-json': () => '请求内容不是有效的 JSON。',
  'unsupported-media-type': () => '请以 JSON 格式发送请求（Content-Type: application/json）。',
  'payload-too-large': () => '提交的内容过大；文件请通过材料上传功能上传。',
  'bad-request': () => '请求无法处理，请检查后重试。',
  'invalid-idempotency-key': () => '请求标识（Idempotency-Key）格式不正确。',
  'idempotency-key-reused': () => '该申请已用不同内容提交过，请刷新页面后重新填写。',
  'invalid-cursor': () => '分页位置已失效，请从第一页重新开始。',
  'not-found': () => '未找到该内容，或您无权查看。',
  unauthenticated: () => '请先登录；如已登录，登录可能已过期，请重新登录。',
  'session-idle': () => '您已长时间未操作，请重新登录。',
  'invalid-credentials': () => '用户名或密码不正确。',
  'auth-unavailable': () => '登录服务暂时无法响应，请稍后重试。',
  'rate-limited': (_p, e) => { const s = seconds(e.message); return `操作过于频繁，请${s ? `${s}秒后` : '稍后'}再试。`; },
  'too-many-attempts': () => '尝试次数过多，请明天再试。',
  forbidden: (p, e) => FORBIDDEN[str(p, 'why')]?.(p, e) ?? '您的角色无权办理此操作。',
  'internal-error': () => '系统出现问题，本次操作未做任何更改，请稍后重试。',
  'dependency-unavailable': () => '系统暂时无法提供服务，请稍后重试。',
  // Accounts
  'username-taken': () => '该手机号或邮箱已注册：请直接登录，或重置密码。',
  'weak-password': () => '密码不够安全，请按提示修改。',
  'code-invalid': (_p, e) => `验证码错误。${/no attempts/.test(e.message) ? '已无剩余次数，请重新获取。' : left(Number(/(\d+) attempt/.exec(e.message)?.[1] ?? NaN) || undefined)}`,
  'code-expired': () => '验证码已使用或已过期，请重新获取。',
  'notification-failed': () => '消息暂时无法发送，请一分钟后重试。',
  // Enterprises
  'enterprise-not-found': () => '企业登记系统中没有该统一社会信用代码，请核对营业执照。',
  'enterprise-not-in-operation': () => '登记系统显示该企业已吊销或注销，只有存续经营的企业可以申请。',
  'legal-representative-mismatch': (_p, e) => `法定代表人姓名和身份证号与登记信息不符。${left(e.details?.attemptsLeft as number | undefined)}`,
  'enterprise-already-claimed': () => '该企业已由其他账号完成认证，请联系该企业的管理人邀请您加入。',
  'deposit-expired': () => '本次打款已失效（错误3次或超过48小时），请重新发起认证。',
  'deposit-mismatch': (_p, e) => `金额或附言与打款不符。${(e.details?.attemptsLeft as number) > 0 ? left(e.details?.attemptsLeft as number) : '已无剩余次数，请重新发起认证。'}`,
  'enterprise-not-verified': () => '请先完成企业认证，或请该企业的管理人邀请您。',
  'already-member': () => '该用户已是本企业的成员。',
  'registry-unavailable': () => '企业登记数据暂时无法访问，请稍后重试。',
  // Applications and documents
  'outside-service-area': (p) => {
    const d = str(p, 'division');
    switch (str(p, 'why')) {
      case 'outside-henan': return `该企业登记地不在河南省（行政区划 ${d}）。本平台仅服务在河南省登记的企业。`;
      case 'too-far': return '该地址距离我行最近的分行过远，不在服务范围（河南省）内。';
      case 'unknown-division': return `行政区划 ${d} 不是我们掌握的河南省区划，请核对登记机关区划代码或确认地址。`;
      default: return '无法确定企业的登记地，请填写6位行政区划代码或确认地址。';
    }
  },
  'registered-division-mismatch': () => '登记地区须与信用代码中的行政区划一致，只能细化到同一地市内的区县。',
  'loan-out-of-bounds': () => '申请金额、期限或还款方式不符合所选产品，请按提示修改。',
  'missing-documents': (p) => {
    const names = list(p, 'missing').map((k) => DOCUMENT_NAMES[k as DocumentKind]?.zh ?? '必需材料');
    return names.length ? `尚缺核心材料：${names.join('、')}。请先上传并通过校验。` : '核心材料尚未齐全，请先上传并通过校验。';
  },
  'not-submittable': (p) => `该申请处于“${status(str(p, 'status'))}”状态，不能提交。`,
  conflict: () => '申请刚发生变化，请重试。',
  'changed-meanwhile': () => '内容刚被他人更改，请刷新后重试。',
  'concurrent-change': () => '内容刚被他人更改，请刷新后重试。',
  'illegal-transition': (p) => `该申请处于“${status(str(p, 'from'))}”状态，不能办理此操作。`,
  'enterprise-fixed': () => '申请的企业不能更改；如需为其他企业申请，请新建申请。',
  'not-editable': () => '只有草稿或已退回的申请可以补充材料。',
  'too-many-documents': () => '每份申请的材料数量已达上限。',
  'upload-missing': () => '文件尚未上传完成，请先上传文件再确认。',
  'document-rejected': (p) => {
    const declared = str(p, 'contentType');
    if (str(p, 'why') === 'size') return '上传的文件大小与声明不符，请重新上传。';
    return `文件内容不是所声明的${declared ? contentTypeName(declared, 'zh') : '类型'}，请重新上传 PDF 或图片。`;
  },
  'file-too-large': () => '文件过大，请压缩后重新上传。',
  'unsupported-file': () => '不支持该文件类型，请上传 CSV 或 Excel 表格。',
  'missing-columns': () => '表格缺少必需的列，请按模板补齐。',
  // Staff work
  'already-claimed': () => '该申请已被其他员工认领。',
  'not-claimed': () => '该申请尚无人认领。',
  // Per-stage refusals (shared/review-chain.ts staffActions): the same words the review page shows
  'not-your-stage': (p) => (str(p, 'stage') ? `该申请处于${STAGE_ZH[str(p, 'stage')] ?? '当前'}环节，应由${who(str(p, 'role'))}办理。` : '您的岗位不能处理该申请当前的审批环节。'),
  'not-on-committee': () => '您不是审议该申请的贷审会成员。',
  'claimed-by-another': () => '该环节已由他人认领。',
  'case-owner': () => '您是该申请的客户经理，不能同时审批。',
  recused: () => '您已就该申请申明回避。',
  'cannot-act-at-stage': () => '此人不能处理当前环节，也不是客户经理。',
  'already-acted': (p, e) => FORBIDDEN[str(p, 'why')]?.(p, e) ?? '您已对该申请发表过意见，下一步需由他人办理。',
  'not-in-review': () => '该申请不在审批中，无法办理此操作。',
  'committee-stage': () => '该申请处于贷审会环节，请由委员表决。',
  'not-committee-stage': () => '该申请不在贷审会环节，不能表决。',
  'no-review-chain': () => '该申请无需人工审批。',
  'not-reconsiderable': () => '只有系统自动拒绝的申请可以申请人工复议。',
  'unknown-staff': () => '该人员不是本申请所属分行的员工。',
  'task-closed': () => '该任务已办结。',
  'follow-up-too-early': () => '跟进任务至少持续30天后才能办结，请记录进展或升级处理。',
  // Contracts and loans
  'contract-being-prepared': () => '合同正在生成，请稍后再试。',
  'contract-text-unavailable': () => '合同文字版暂时无法显示，请查看 PDF 原件。',
  'contract-missing': () => '合同文件暂时无法获取，请稍后重试。',
  'contract-not-ready': () => '申请获批后才能查看合同。',
  'not-signable': () => '该合同当前不能签署。',
  'not-sealed-yet': () => '合同尚未加盖银行印章，请稍后再试。',
  'no-offer': () => '该申请没有已批准的报价，无法生成合同。',
  'not-a-contract': () => '该 PDF 不是本行合同系统生成的合同。',
  'invalid-signature': () => '手写签名须为签名板生成的图片，请重新签写。',
  'otp-not-requested': () => '请先获取签约验证码。',
  'otp-locked': () => '验证码错误次数过多，请重新获取验证码。',
  'otp-expired': () => '验证码已过期，请重新获取。',
  'otp-invalid': (_p, e) => { const n = Number(e.details?.attemptsLeft ?? /(\d+) attempt/.exec(e.message)?.[1] ?? 0); return `验证码错误。${n > 0 ? `还可尝试${n}次。` : '请重新获取验证码。'}`; },
  'loan-settled': () => '该笔贷款已全部结清，无需提前还款。',
  'loan-overdue': () => '请先归还逾期款项；贷款恢复正常后才能提前还款。',
  'date-in-past': () => '提前还款日期不能早于今天。',
  'date-after-maturity': () => '该日期晚于贷款到期日。',
  'date-after-next-due': () => '请选择不晚于下一个还款日的日期。',
  'amount-above-outstanding': () => '提前还款金额超过剩余本金。',
  'quote-not-found': () => '未找到该报价，请重新报价。',
  'quote-expired': () => '该报价已过期，请重新报价。',
  'insufficient-funds': () => '还款账户余额不足，请存入足额资金后重试。',
  'statement-being-prepared': () => '对账单正在生成，请稍后再试。',
  // Enterprises
  'account-not-found': () => '未找到该用户名对应的已确认账号，请对方先注册并完成验证。',
  // Head office
  'four-eyes': () => '这是您提出的变更，须由另一位总行用户批准（双人复核）。',
  'proposal-decided': () => '该变更提案已有处理结果。',
  'stale-proposal': () => '规则配置已更新，请基于最新版本重新提出变更。',
  'invalid-configuration': () => '该提案不符合配置规则，请按提示修改。',
  // Local stack only
  'clock-fixed': () => '该环境使用真实时间，只有本地环境可以调整时钟。',
  'not-simulated': () => '该环境未使用本地模拟系统。',
};

/** Every code with Chinese words (test/shared/error-messages.test.ts checks each code the API throws is here). */
export const LOCALIZED_ERROR_CODES: readonly string[] = Object.keys(ZH);

const GENERIC_ZH: Record<number, string> = {
  400: '请求无法处理，请检查后重试。', 401: '请先登录。', 403: '您无权办理此操作。', 404: '未找到该内容，或您无权查看。',
  409: '当前状态下不能办理此操作，请刷新后重试。', 413: '提交的内容过大。', 415: '不支持该内容类型。',
  422: '请检查填写的内容。', 429: '操作过于频繁，请稍后再试。', 503: '服务暂时不可用，请稍后重试。',
};

/** The message to send a caller who reads `locale`. */
export function localizedMessage(e: LocalizableError, locale: ErrorLocale): string {
  if (locale === 'en') return e.message;
  return ZH[e.code]?.(e.params, e) ?? GENERIC_ZH[e.status] ?? '出现了意外错误，请稍后重试。';
}

/**
 * The caller's language from an Accept-Language header: the most preferred of Chinese and English (any region),
 * English when the header names neither or is absent (the API's messages were English before this).
 */
export function preferredLocale(header: string | null | undefined): ErrorLocale {
  if (!header) return 'en';
  let best: { locale: ErrorLocale; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...opts] = part.trim().toLowerCase().split(';');
    const q = Number(opts.find((o) => o.trim().startsWith('q='))?.trim().slice(2) ?? 1);
    const locale = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : null;
    if (locale && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'en';
}
