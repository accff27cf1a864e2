/** The font a bundled Lambda reads: CONTRACT_FONT_PATH wins over the repo-relative default. */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_FONT_URL, defaultContractFont, useContractFontAt } from '../../../functions/adapters/pdf/contract-font.js';

describe('contract font location', () => {
  let dir = '';
  afterAll(async () => {
    useContractFontAt(fileURLToPath(CONTRACT_FONT_URL));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the font from the configured path, as the Lambda bundle lays it out', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kedai-font-'));
    useContractFontAt(join(dir, 'missing.ttf'));
    await expect(defaultContractFont()).rejects.toThrow(/ENOENT/);

    const shipped = join(dir, 'assets-fonts-wqy.ttf');
    await copyFile(CONTRACT_FONT_URL, shipped);
    useContractFontAt(shipped);
    const font = await defaultContractFont();
    expect(font.missing('河南科贷科技有限公司')).toEqual([]);
  });
});
