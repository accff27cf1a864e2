/**
 * The shared schemas (and the API, which uses them) speak English. These are their messages in Chinese,
 * so a field's message follows the page's language. Unknown messages fall back to the English text.
 */
const EXACT: Record<string, string> = {
  'Enter an amount in fen (a whole number).': '请输入金额。',
  'Amounts are whole fen (分): no fractions.': '金额最多精确到分。',
  'Amounts cannot be negative.': '金额不能为负数。',
  'That amount is beyond anything this portal handles.': '金额超出本平台可受理的范围。',
  'Enter a date as YYYY-MM-DD.': '请按 年-月-日 填写日期。',
  'That is not a real calendar date.': '该日期不存在。',
  'Enter the 18-character unified social credit code.': '请输入18位统一社会信用代码。',
  'Enter the enterprise name.': '请输入企业名称。',
  'Keep the enterprise name within 100 characters.': '企业名称不超过100个字符。',
  'Enter the industry.': '请输入所属行业。',
  'Keep the industry within 60 characters.': '行业不超过60个字符。',
  'Enter the number of employees.': '请输入员工人数。',
  'Employees is a whole number.': '员工人数须为整数。',
  'An enterprise has at least one employee.': '员工人数至少为1。',
  'That is more employees than any SME has.': '员工人数超出中小企业范围。',
  'Enter the number of technical staff.': '请输入科技人员人数。',
  'Technical staff is a whole number.': '科技人员人数须为整数。',
  'Technical staff cannot be negative.': '科技人员人数不能为负数。',
  'That is more staff than any SME has.': '人数超出中小企业范围。',
  'Technical staff cannot exceed total employees.': '科技人员人数不能超过员工总数。',
  'Liabilities above ten times assets look like a typing error: check the units (fen).': '负债超过资产的十倍，可能是录入错误，请检查金额单位。',
  'Labels are short kebab-case names such as tech-sme.': '标签格式不正确。',
  'At most 20 labels.': '最多20个标签。',
  'A division code is 6 digits (GB/T 2260), e.g. 410100.': '行政区划代码为6位数字（GB/T 2260），如 410100。',
  'Keep the address within 200 characters.': '地址不超过200个字符。',
  'Enter the amount you want to borrow.': '请输入申请金额。',
  'Enter the term in months.': '请输入贷款期限（月）。',
  'The term is a whole number of months.': '期限须为整数个月。',
  'The term is at least one month.': '期限至少1个月。',
  'The term is at most 360 months.': '期限最长360个月。',
  'Enter the purpose of the loan.': '请填写贷款用途。',
  'Keep the purpose of the loan within 500 characters.': '贷款用途不超过500个字符。',
  'The file is empty.': '文件为空。',
  'Give the file name.': '缺少文件名。',
  'Keep the file name within 200 characters.': '文件名不超过200个字符。',
  'This field is not part of the request; remove it.': '该字段不属于本申请。',
  'Required when returning.': '退回时必须填写需补充的内容。',
  'Keep the comment within 2000 characters.': '意见不超过2000个字符。',
  'Type your name to sign.': '请输入您的姓名以签署。',
  'Draw your signature.': '请手写签名。',
  'The signature image is too large.': '签名图片过大，请清除后重新签写。',
  'Signature is { type: "typed", text } or { type: "drawn", png }.': '请手写签名或输入姓名。',
  'Enter the one-time code.': '请输入验证码。',
  'The one-time code is 6 digits.': '验证码为6位数字。',
};

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^A unified social credit code has 18 characters; this one has (\d+)\.$/, (m) => `统一社会信用代码应为18位，当前为${m[1]}位。`],
  [/^Character (\d+) \("(.)"\) is not allowed/, (m) => `第${m[1]}位字符“${m[2]}”不允许：信用代码只使用数字和除 I、O、S、V、Z 以外的大写字母。`],
  [/^Characters 3–8 must be the six-digit registration division code/, () => '第3至8位应为6位登记管理机关行政区划码（如 410100）。'],
  [/^The check character \(the 18th\) does not match/, () => '校验位（第18位）与前17位不符，请检查是否录入有误。'],
  [/^.+ lends (.+)–(.+); you asked for (.+)\.$/, (m) => `本产品额度为 ${m[1]} 至 ${m[2]}，您申请的是 ${m[3]}。`],
  [/^.+ runs (\d+)–(\d+) months; you asked for (\d+)\.$/, (m) => `本产品期限为 ${m[1]} 至 ${m[2]} 个月，您申请的是 ${m[3]} 个月。`],
  [/^.+ is repaid by /, () => '本产品不支持所选还款方式。'],
  [/^.+ is for enterprises recognised as one of: (.+)\.$/, () => '本产品仅面向具有相应科技企业认定的企业，请检查企业认定。'],
  [/^Choose a product/, () => '请选择贷款产品。'],
  [/^Choose a repayment method/, () => '请选择还款方式。'],
  [/^Upload a PDF, JPEG or PNG/, () => '请上传 PDF、JPEG 或 PNG 文件。'],
  [/^Files are at most (\d+) MiB\.$/, (m) => `文件不得超过 ${m[1]} MiB。`],
  [/^Upload and verify the ([a-z-]+) document before submitting\.$/, () => '提交前请上传该材料并通过校验。'],
  [/^The file is (\d+) bytes but (\d+) were declared\.$/, (m) => `文件实际为 ${m[1]} 字节，与声明的 ${m[2]} 字节不符。`],
  [/^The file's content is not a (.+) file, as was declared\.$/, (m) => `文件内容不是所声明的 ${m[1]} 类型。`],
];

export function fieldMessageZh(message: string): string {
  if (EXACT[message]) return EXACT[message];
  for (const [re, fn] of PATTERNS) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return message;
}
