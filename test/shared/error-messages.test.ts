import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeName, LOCALIZED_ERROR_CODES, localizedMessage, preferredLocale } from '../../shared/error-messages.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every error code the API can answer with, read from the code that throws it. */
function thrownCodes(): Set<string> {
  const codes = new Set(['validation-failed', 'not-found', 'forbidden', 'unauthenticated', 'internal-error', 'bad-request']);
  const patterns = [
    /new DomainError\(\s*'([a-z][a-z0-9-]*)'/g,
    /conflict\(\s*'([a-z][a-z0-9-]*)'/g,
    /errorBody\(\s*'([a-z][a-z0-9-]*)'/g,
    /\brefuse\(\s*'([a-z][a-z0-9-]*)'/g,
    /errorJson\(c, \{ code: '([a-z][a-z0-9-]*)'/g,
    /invalid\((?:[^;]|\n)*?, '([a-z][a-z0-9-]*)'\)/g,
  ];
  for (const file of [...sources('functions'), ...sources('shared')]) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) codes.add(m[1]);
  }
  return codes;
}

describe('API error messages in the caller’s language', () => {
  it('has Chinese words for every error code the API throws', () => {
    const codes = thrownCodes();
    expect(codes.size).toBeGreaterThan(60);
    const missing = [...codes].filter((c) => !LOCALIZED_ERROR_CODES.includes(c) && !c.startsWith('not-simulated-'));
    expect(missing).toEqual([]);
  });

  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh'],
    ['zh-CN, zh;q=0.9', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR, zh;q=0.5, en;q=0.4', 'zh'],
    ['de-DE', 'en'],
    ['zh;q=0, en', 'en'],
  ] as const)('reads Accept-Language %j as %s', (header, locale) => {
    expect(preferredLocale(header)).toBe(locale);
  });

  it('keeps the specific English message for English callers', () => {
    const e = { code: 'forbidden', message: 'This application is at the review stage, which a risk-manager decides.', status: 403, params: { why: 'stage-role', stage: 'review', role: 'risk-manager' } };
    expect(localizedMessage(e, 'en')).toBe(e.message);
    expect(localizedMessage(e, 'zh')).toBe('该申请处于审查环节，应由风险经理办理。');
  });

  it('words refusals, service area, missing documents and file errors in Chinese from their facts', () => {
    const zh = (code: string, params: Record<string, unknown>, status = 422) => localizedMessage({ code, message: 'English', status, params: params as never }, 'zh');
    expect(zh('outside-service-area', { why: 'outside-henan', division: '110105' })).toBe('该企业登记地不在河南省（行政区划 110105）。本平台仅服务在河南省登记的企业。');
    expect(zh('missing-documents', { missing: ['business-licence', 'legal-rep-id'] })).toBe('尚缺核心材料：营业执照、法定代表人身份证。请先上传并通过校验。');
    expect(zh('document-rejected', { why: 'content', contentType: 'application/pdf' })).toBe('文件内容不是所声明的PDF 文件，请重新上传 PDF 或图片。');
    expect(zh('forbidden', { why: 'not-permitted', from: 'in-review', by: ['approver', 'head-office', 'committee'] }, 403)).toBe('该申请处于“审批中”状态，此操作只能由审批人或总行或贷审会委员办理。');
    expect(zh('legal-representative-mismatch', {})).toMatch(/^法定代表人/);
    expect(contentTypeName('image/png', 'en')).toBe('PNG image');
  });

  it('never answers a Chinese caller with English sentences or MIME types', () => {
    const allowed = /JSON|Content-Type|application\/json|Idempotency-Key|PDF|CSV|Excel|JPEG|PNG/g;
    for (const code of LOCALIZED_ERROR_CODES) {
      const text = localizedMessage({ code, message: 'An English sentence.', status: 400, params: {}, details: { attemptsLeft: 2 } }, 'zh');
      expect(text.replace(allowed, ''), code).not.toMatch(/[A-Za-z]{3,}/);
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(localizedMessage({ code: 'some-new-code', message: 'English', status: 409 }, 'zh')).toMatch(/^[^A-Za-z]+$/);
  });
});
