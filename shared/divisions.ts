/**
 * Henan's 18 prefecture-level divisions (GB/T 2260) with centroids; the bank has one branch in each.
 * Embedded from shared/data/henan-divisions.csv (a test holds the two equal) so the domain needs no I/O.
 */
import type { Branch } from './types.js';

export interface Division {
  code: string;
  nameZh: string;
  nameEn: string;
  lat: number;
  lon: number;
}

export const HENAN_DIVISIONS: readonly Division[] = [
  { code: '410100', nameZh: '郑州市', nameEn: 'Zhengzhou', lat: 34.7466, lon: 113.6254 },
  { code: '410200', nameZh: '开封市', nameEn: 'Kaifeng', lat: 34.7971, lon: 114.3076 },
  { code: '410300', nameZh: '洛阳市', nameEn: 'Luoyang', lat: 34.6197, lon: 112.454 },
  { code: '410400', nameZh: '平顶山市', nameEn: 'Pingdingshan', lat: 33.7662, lon: 113.1926 },
  { code: '410500', nameZh: '安阳市', nameEn: 'Anyang', lat: 36.0976, lon: 114.3924 },
  { code: '410600', nameZh: '鹤壁市', nameEn: 'Hebi', lat: 35.7478, lon: 114.2975 },
  { code: '410700', nameZh: '新乡市', nameEn: 'Xinxiang', lat: 35.303, lon: 113.9268 },
  { code: '410800', nameZh: '焦作市', nameEn: 'Jiaozuo', lat: 35.2159, lon: 113.2418 },
  { code: '410900', nameZh: '濮阳市', nameEn: 'Puyang', lat: 35.7615, lon: 115.0293 },
  { code: '411000', nameZh: '许昌市', nameEn: 'Xuchang', lat: 34.0357, lon: 113.8523 },
  { code: '411100', nameZh: '漯河市', nameEn: 'Luohe', lat: 33.5815, lon: 114.0166 },
  { code: '411200', nameZh: '三门峡市', nameEn: 'Sanmenxia', lat: 34.7726, lon: 111.2 },
  { code: '411300', nameZh: '南阳市', nameEn: 'Nanyang', lat: 32.9907, lon: 112.5283 },
  { code: '411400', nameZh: '商丘市', nameEn: 'Shangqiu', lat: 34.4144, lon: 115.6564 },
  { code: '411500', nameZh: '信阳市', nameEn: 'Xinyang', lat: 32.147, lon: 114.0913 },
  { code: '411600', nameZh: '周口市', nameEn: 'Zhoukou', lat: 33.626, lon: 114.697 },
  { code: '411700', nameZh: '驻马店市', nameEn: 'Zhumadian', lat: 33.0114, lon: 114.0225 },
  { code: '419001', nameZh: '济源市', nameEn: 'Jiyuan', lat: 35.0672, lon: 112.6021 },
];

/** One branch per prefecture-level division, sitting at its centroid; code = lowercase English city name. */
export const BRANCHES: readonly Branch[] = HENAN_DIVISIONS.map((d) => ({
  code: d.nameEn.toLowerCase(),
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  divisionCode: d.code,
  lat: d.lat,
  lon: d.lon,
}));

const BY_CODE = new Map(HENAN_DIVISIONS.map((d) => [d.code, d]));
const BRANCH_BY_DIVISION = new Map(BRANCHES.map((b) => [b.divisionCode, b.code]));

/** The province's own code: enterprises registered with the provincial authority sit in the capital. */
const HENAN_PROVINCE = '410000';
const CAPITAL = '410100';

/**
 * Finds the prefecture-level division a GB/T 2260 code belongs to: an exact match first (Jiyuan, 419001,
 * is its own prefecture-level unit), then a county/district code falls back to its prefecture XXXX00.
 * Codes outside Henan, or that name no Henan division, give null.
 */
export function locateDivision(code: string): { division: Division; branchCode: string } | null {
  if (!/^\d{6}$/.test(code) || !code.startsWith('41')) return null;
  const key = BY_CODE.has(code) ? code : code === HENAN_PROVINCE ? CAPITAL : `${code.slice(0, 4)}00`;
  const division = BY_CODE.get(key);
  if (!division) return null;
  return { division, branchCode: BRANCH_BY_DIVISION.get(division.code)! };
}
