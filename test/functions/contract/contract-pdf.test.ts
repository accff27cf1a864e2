import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditStep } from '../../../shared/contract/audit-trail.js';
import { UnsupportedCharactersError } from '../../../functions/adapters/pdf/contract-font.js';
import { appendAuditPage, applyBorrowerSignature, applyLenderSeal, renderContractPdf } from '../../../functions/adapters/pdf/contract-pdf.js';
import { contractModel } from '../../../bench/support/contract-fixture.js';
import { contractText } from '../../../shared/contract/contract-text.js';
import { inkShare, pdfFonts, pdfImages, pdfPageCount, pdfText, renderPage, saveTemp } from './poppler.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const signing = { signer: '张伟（法定代表人）', at: '2026-03-20T03:04:05.000Z', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0' };

describe('renderContractPdf', () => {
  it('draws the words of the text view (contractText): every paragraph, party and schedule row is in the PDF', async () => {
    const model = contractModel();
    const text = contractText(model);
    const pdf = pdfText(await renderContractPdf(model)).replace(/\s+/g, '');
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const words = [text.title, text.subtitle, text.preamble, text.closing, text.annex.title, text.annex.note,
      ...text.parties.map((p) => `${p.label}：${p.value}`), ...text.articles.flatMap((a) => [a.title, ...a.paragraphs]),
      ...text.annex.rows.flatMap((r) => r.slice(1)), ...text.annex.columns, ...text.signatures.map((s) => s.name)];
    expect(text.articles.length).toBeGreaterThan(3);
    expect(text.annex.rows).toHaveLength(model.repayment.schedule.length);
    for (const w of words) expect(pdf, w).toContain(squeeze(w));
  });

  it('prints the enterprise name, credit code and the amount in capitals as extractable text', async () => {
    const text = pdfText(await renderContractPdf(contractModel())).replace(/\s+/g, '');
    expect(text).toContain('郑州智芯微电子科技有限公司');
    expect(text).toContain('91410100MA44XXXX0A');
    expect(text).toContain('人民币（大写）叁佰万元整');
    expect(text).toContain('¥3,000,000.00');
    expect(text).toContain('河南科创商业银行股份有限公司');
  });

  it('renders the Chinese from its embedded font when the machine has no CJK fonts', async () => {
    const pdf = await renderContractPdf(contractModel());
    const page = renderPage(pdf, 1);
    console.log(`page 1 rendered without system fonts: ${page.png}`);
    // Title band and body carry ink; a page whose glyphs failed would be blank paper here.
    expect(inkShare(page, 0.08, 0.14)).toBeGreaterThan(0.01);
    expect(inkShare(page, 0.2, 0.9)).toBeGreaterThan(0.02);
    expect(inkShare(page, 0.955, 1)).toBe(0); // bottom margin below the page number stays empty
  });

  it('numbers every page as 第 n 页 / 共 m 页', async () => {
    const pdf = await renderContractPdf(contractModel());
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let n = 1; n <= pages; n++) expect(pdfText(pdf, { first: n, last: n }).replace(/\s+/g, '')).toContain(`第${n}页/共${pages}页`);
  });

  it('continues a long schedule across pages with the table header repeated', async () => {
    const model = contractModel({ termMonths: 120 });
    const pdf = await renderContractPdf(model);
    const pages = pdfPageCount(pdf);
    const annexPages = Array.from({ length: pages }, (_, i) => pdfText(pdf, { first: i + 1, last: i + 1 })).filter((t) => t.includes('还款日'));
    expect(annexPages.length).toBeGreaterThanOrEqual(3);
    const all = pdfText(pdf);
    expect(all).toContain(model.repayment.schedule[119].dueDate);
    expect(all).toContain('3,000,000.00');
  });

  it('renders the same model to the same bytes, so the hash identifies the document', async () => {
    expect(sha256(await renderContractPdf(contractModel()))).toBe(sha256(await renderContractPdf(contractModel())));
  });

  it('embeds the font once, as a small subset, for a 12-month contract', async () => {
    const pdf = await renderContractPdf(contractModel());
    expect(pdf.length).toBeLessThan(120 * 1024);
    const fonts = pdfFonts(pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ type: 'CID TrueType', embedded: true });
  });

  it('refuses loudly a name the font cannot print instead of drawing boxes', async () => {
    const err = await renderContractPdf(contractModel({ name: '郑州𰻝𰻝面科技有限公司' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedCharactersError);
    expect((err as UnsupportedCharactersError).characters).toEqual(['𰻝']);
    expect((err as UnsupportedCharactersError).status).toBe(422);
  });

  it('prints names with characters outside GB2312 but inside GBK', async () => {
    const text = pdfText(await renderContractPdf(contractModel({ name: '洛阳喆堃昇科技有限公司' })));
    expect(text).toContain('洛阳喆堃昇科技有限公司');
  });
});

describe('applyBorrowerSignature', () => {
  it('writes a typed signature with the signer and Beijing time into the borrower block', async () => {
    const pdf = await renderContractPdf(contractModel());
    const signed = await applyBorrowerSignature(pdf, { ...signing, signature: { type: 'typed', text: '张伟' } });
    const text = pdfText(signed);
    expect(text).toContain('签署人：张伟（法定代表人）');
    expect(text).toContain('2026-03-20 11:04:05 (UTC+8)');
    expect(pdfText(pdf)).not.toContain('签署人：');
    expect(sha256(signed)).not.toBe(sha256(pdf));
  });

  it('draws a canvas PNG into the borrower block', async () => {
    const pdf = await renderContractPdf(contractModel());
    const png = readFileSync(renderPage(pdf, 3, 20).png).toString('base64');
    const signed = await applyBorrowerSignature(pdf, { ...signing, signature: { type: 'drawn', png: `data:image/png;base64,${png}` } });
    expect(pdfImages(signed)).toMatch(/^\s*2\s+\d+\s+image/m);
    expect(pdfImages(pdf)).not.toMatch(/image/);
  });

  it('refuses a drawn signature that is not a PNG', async () => {
    const pdf = await renderContractPdf(contractModel());
    await expect(applyBorrowerSignature(pdf, { ...signing, signature: { type: 'drawn', png: Buffer.from('GIF89a...').toString('base64') } }))
      .rejects.toMatchObject({ status: 422 });
  });

  it('refuses a PDF the contract service did not make', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage();
    await expect(applyBorrowerSignature(await doc.save(), { ...signing, signature: { type: 'typed', text: '张伟' } })).rejects.toMatchObject({ code: 'not-a-contract' });
  });
});

describe('appendAuditPage', () => {
  it('lists every step with UTC and Beijing times, actor, origin and the SHA-256 before and after', async () => {
    const generated = await renderContractPdf(contractModel());
    const signed = await applyBorrowerSignature(generated, { ...signing, signature: { type: 'typed', text: '张伟' } });
    const [h0, h1] = [sha256(generated), sha256(signed)];
    const trail: AuditStep[] = [
      { step: 'generated', at: '2026-03-20T02:00:00.000Z', actor: 'workflow', sha256After: h0 },
      { step: 'viewed', at: '2026-03-20T02:50:00.000Z', actor: 'applicant@demo.kedai', ip: '203.0.113.7', userAgent: signing.userAgent, sha256Before: h0, sha256After: h0 },
      { step: 'code-sent', at: '2026-03-20T03:00:00.000Z', actor: 'applicant@demo.kedai', ip: '203.0.113.7', userAgent: signing.userAgent, sha256Before: h0, sha256After: h0 },
      { step: 'signed', at: signing.at, actor: 'applicant@demo.kedai', ip: '203.0.113.7', userAgent: signing.userAgent, sha256Before: h0, sha256After: h1 },
      { step: 'reviewed', at: '2026-03-20T03:05:00.000Z', actor: 'loan-centre (automatic)', sha256Before: h1, sha256After: h1 },
      { step: 'sealed', at: '2026-03-20T03:06:00.000Z', actor: 'loan-centre', sha256Before: h1, note: '封印后文件的摘要记录于审计事件；数字签名覆盖本页。' },
    ];
    const audited = await appendAuditPage(signed, trail);
    const before = pdfPageCount(signed);
    expect(pdfPageCount(audited)).toBeGreaterThan(before);
    const page = pdfText(audited, { first: before + 1, last: pdfPageCount(audited) });
    expect(page).toContain('电子签署审计证书');
    for (const name of ['生成合同', '借款人查阅', '发送验证码', '借款人签署', '贷款中心审核', '银行电子印章']) expect(page).toContain(name);
    expect(page.match(/\b[0-9a-f]{64}\b/g)?.length).toBeGreaterThanOrEqual(10);
    expect(page).toContain(h0);
    expect(page).toContain(h1);
    expect(page).toContain('2026-03-20 03:04:05 UTC');
    expect(page).toContain('2026-03-20 11:04:05 (UTC+8)');
    expect(page).toContain('203.0.113.7');
    saveTemp(audited, 'audited.pdf');
  });
});

describe('applyLenderSeal', () => {
  /** Dark pixels inside the lender's box (left column of the signature blocks) on the signing page. */
  function lenderInk(pdf: Uint8Array, page: number) {
    const img = renderPage(pdf, page, 50);
    let dark = 0;
    // The signature blocks sit in the left half; the box spans most of the block's height.
    for (let y = 0; y < img.height; y++) for (let x = Math.floor(img.width * 0.12); x < img.width * 0.48; x++) if (img.pixels[y * img.width + x] < 200) dark++;
    return dark;
  }

  it('stamps the bank’s red seal with its name and use in the lender’s box, and the sealing date in Beijing time', async () => {
    const pdf = await renderContractPdf(contractModel());
    const signed = await applyBorrowerSignature(pdf, { ...signing, signature: { type: 'typed', text: '张伟' } });
    // 23:30 UTC on 21 March is 22 March in Beijing.
    const sealed = await applyLenderSeal(signed, { name: '河南科创商业银行股份有限公司', use: '合同专用章', at: '2026-03-21T23:30:00Z' });
    const pages = Array.from({ length: pdfPageCount(sealed) }, (_, i) => i + 1);
    const signingPage = pages.find((n) => pdfText(signed, { first: n, last: n }).includes('签署人：张伟'))!;
    const text = pdfText(sealed, { first: signingPage, last: signingPage });
    expect(text).toContain('合同专用章');
    expect(text).toContain('2026年3月22日');
    expect(pdfText(signed)).not.toContain('合同专用章');
    // Visible: the lender's column of the signing page carries clearly more ink than before.
    expect(lenderInk(sealed, signingPage)).toBeGreaterThan(lenderInk(signed, signingPage) + 200);
  });
});
