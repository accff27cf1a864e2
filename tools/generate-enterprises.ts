/**
 * Generates the demo registry data set, shared/data/henan-enterprises.tsv.gz: 20,652 Henan enterprises (the
 * thesis's population size) over every prefecture and county-level division, deterministic from one seed.
 * Strong firms are checked against the decision engine (a ¥300,000 Technology Loan with their own figures is
 * approved automatically), weak ones are checked not to be, negative-listed ones carry a list entry.
 *
 *   npx tsx tools/generate-enterprises.ts          # rewrites the file (the same bytes every run)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateCreditCode } from '../shared/credit-code.js';
import { decide } from '../shared/decision.js';
import { HENAN_DIVISIONS } from '../shared/divisions.js';
import type { EnterpriseFacts } from '../shared/enterprise.js';
import { STRONG_APPLICANT } from '../shared/fixtures.js';
import { idNumberCheckChar } from '../shared/id-number.js';
import type { CreateApplicationInput } from '../shared/schemas/application.js';
import { clamp, lognormal, mulberry32 } from '../shared/scoring/prng.js';
import type { NegativeListHit } from '../shared/types.js';
import { COLUMNS, DATASET_URL, formatRow, LABEL_SOURCES, SOURCES, type DatasetRow, type DemoKind } from '../functions/adapters/registry/dataset.js';

export const FIRM_COUNT = 20_652;
const SEED = 20_652;
const FILING_YEAR = 2025;
/** The dates strong and weak firms are checked on: now, and years on (older firms only score better, weak ones stay weak). */
const CHECK_DATES = ['2026-12-01', '2030-12-01'];

/** County-level divisions of each prefecture (GB/T 2260), with their names for addresses. */
const COUNTIES: Record<string, string> = {
  '410100': '102中原区 103二七区 104管城回族区 105金水区 106上街区 108惠济区 122中牟县 181巩义市 182荥阳市 183新密市 184新郑市 185登封市',
  '410200': '202龙亭区 203顺河回族区 204鼓楼区 205禹王台区 212祥符区 221杞县 222通许县 223尉氏县 225兰考县',
  '410300': '302老城区 303西工区 304瀍河回族区 305涧西区 307偃师区 308孟津区 311洛龙区 323新安县 324栾川县 325嵩县 326汝阳县 327宜阳县 328洛宁县 329伊川县',
  '410400': '402新华区 403卫东区 404石龙区 411湛河区 421宝丰县 422叶县 423鲁山县 425郏县 481舞钢市 482汝州市',
  '410500': '502文峰区 503北关区 505殷都区 506龙安区 522安阳县 523汤阴县 526滑县 527内黄县 581林州市',
  '410600': '602鹤山区 603山城区 611淇滨区 621浚县 622淇县',
  '410700': '702红旗区 703卫滨区 704凤泉区 711牧野区 721新乡县 724获嘉县 725原阳县 726延津县 727封丘县 781卫辉市 782辉县市 783长垣市',
  '410800': '802解放区 803中站区 804马村区 811山阳区 821修武县 822博爱县 823武陟县 825温县 882沁阳市 883孟州市',
  '410900': '902华龙区 922清丰县 923南乐县 926范县 927台前县 928濮阳县',
  '411000': '002魏都区 003建安区 024鄢陵县 025襄城县 081禹州市 082长葛市',
  '411100': '102源汇区 103郾城区 104召陵区 121舞阳县 122临颍县',
  '411200': '202湖滨区 203陕州区 221渑池县 224卢氏县 281义马市 282灵宝市',
  '411300': '302宛城区 303卧龙区 321南召县 322方城县 323西峡县 324镇平县 325内乡县 326淅川县 327社旗县 328唐河县 329新野县 330桐柏县 381邓州市',
  '411400': '402梁园区 403睢阳区 421民权县 422睢县 423宁陵县 424柘城县 425虞城县 426夏邑县 481永城市',
  '411500': '502浉河区 503平桥区 521罗山县 522光山县 523新县 524商城县 525固始县 526潢川县 527淮滨县 528息县',
  '411600': '602川汇区 603淮阳区 621扶沟县 622西华县 623商水县 624沈丘县 625郸城县 627太康县 628鹿邑县 681项城市',
  '411700': '702驿城区 721西平县 722上蔡县 723平舆县 724正阳县 725确山县 726泌阳县 727汝南县 728遂平县 729新蔡县',
  '419001': '',
};
/** Firms per prefecture relative to the others: the capital and Luoyang have most of the province's tech firms. */
const CITY_WEIGHT: Record<string, number> = { '410100': 5, '410300': 2, '410700': 1.3, '411300': 1.3 };

interface Place { code: string; city: string; county: string; cityShort: string }

function places(): { place: Place; weight: number }[] {
  const out: { place: Place; weight: number }[] = [];
  for (const d of HENAN_DIVISIONS) {
    const cityShort = d.nameZh.replace(/市$/, '');
    const counties = COUNTIES[d.code].split(' ').filter(Boolean).map((s) => ({ code: d.code.slice(0, 3) + s.slice(0, 3), name: s.slice(3) }));
    const w = CITY_WEIGHT[d.code] ?? 1;
    // Registered with the city authority (the prefecture's own code), or with a county/district one.
    out.push({ place: { code: d.code, city: d.nameZh, county: counties[0]?.name ?? '', cityShort }, weight: w * 4 });
    for (const c of counties) out.push({ place: { code: c.code, city: d.nameZh, county: c.name, cityShort }, weight: w });
  }
  return out;
}

const BRAND_A = '智华中新恒瑞博远宏创天金鼎鑫汇盛泰德信力和嘉诚正国安优明科聚协达启星云通亿联卓越';
const BRAND_B = '航源宇辰峰睿拓凯晟翔锐兴海川浩腾扬然合讯泽谷昊宸朗霖润岳驰佳益晖铭盈广阔邦';
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅海燕鹏飞晓东雪峰文博思远子豪浩然宇轩梓涵欣怡佳琪嘉怡俊杰振华新民建军永刚';
const ROADS = ['建设路', '人民路', '中原路', '科学大道', '文化路', '解放路', '工业路', '创新大道', '高新路', '长江路', '黄河路', '嵩山路', '学府路', '东风路', '迎宾大道'];

const STRONG_INDUSTRIES = [
  ['软件和信息技术服务业', '信息科技'], ['集成电路设计', '微电子'], ['生物医药研发', '生物医药'], ['新材料研发', '新材料'],
  ['新能源电池', '新能源'], ['智能装备制造', '智能装备'], ['节能环保技术', '环保科技'], ['检测技术服务', '检测技术'], ['农业科技', '农业科技'],
] as const;
const WEAK_INDUSTRIES = [['批发零售', '商贸'], ['餐饮服务', '餐饮管理'], ['建材销售', '建材'], ['物流运输', '物流'], ['家政服务', '家政服务']] as const;
const NEGATIVE_LISTS: { list: NegativeListHit['list']; detail: (city: string, n: number) => string }[] = [
  { list: 'dishonest-debtor', detail: (city, n) => `${city}中级人民法院 (2025)豫执${n}号: 生效判决未履行` },
  { list: 'abnormal-business-status', detail: (city) => `${city}市场监督管理局: 通过登记的住所无法联系` },
  { list: 'tax-violation', detail: (city, n) => `国家税务总局${city}税务局: 重大税收违法案件 第${n}号` },
  { list: 'default-elsewhere', detail: () => '人民银行征信: 他行贷款逾期90天以上' },
  { list: 'administrative-penalty', detail: (city, n) => `${city}生态环境局: 行政处罚决定书 第${n}号` },
];

export function generate(): DatasetRow[] {
  const rng = mulberry32(SEED);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const char = (xs: string) => xs[Math.floor(rng() * xs.length)];
  const between = (lo: number, hi: number) => lo + rng() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const yuan = (x: number) => Math.round(x / 100) * 100;
  const date = (fromYear: number, toYear: number) => {
    const y = int(fromYear, toYear);
    const m = int(1, 12);
    const d = int(1, 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };

  const weighted = places();
  const total = weighted.reduce((s, p) => s + p.weight, 0);
  const wherePick = () => {
    let r = rng() * total;
    for (const p of weighted) if ((r -= p.weight) < 0) return p.place;
    return weighted[weighted.length - 1].place;
  };

  const codes = new Set<string>();
  const names = new Set<string>();
  const rows: DatasetRow[] = [];
  // Every division gets at least one firm of each kind first, then the rest by weight.
  const order: Place[] = weighted.flatMap((p) => [p.place, p.place, p.place, p.place]);
  const kinds: DemoKind[] = ['strong', 'weak', 'negative-list', 'revoked'];

  for (let i = 0; i < FIRM_COUNT; i++) {
    const place = i < order.length ? order[i] : wherePick();
    const r = rng();
    const kind: DemoKind = i < order.length ? kinds[i % 4] : r < 0.62 ? 'strong' : r < 0.86 ? 'weak' : r < 0.95 ? 'negative-list' : 'revoked';
    let code: string;
    do code = generateCreditCode(rng, place.code); while (codes.has(code));
    codes.add(code);

    const techLike = kind !== 'weak' && !(kind === 'revoked' && rng() < 0.5);
    const [industry, word] = techLike ? pick(STRONG_INDUSTRIES) : pick(WEAK_INDUSTRIES);
    let name: string;
    do name = `${place.cityShort}${char(BRAND_A)}${char(BRAND_B)}${word}${rng() < 0.2 ? '股份' : ''}有限公司`; while (names.has(name) && (name = `${name.slice(0, -4)}${int(1, 99)}有限公司`) && names.has(name));
    names.add(name);

    const birth = date(1962, 1996).replaceAll('-', '');
    const id17 = `${place.code}${birth}${String(int(1, 999)).padStart(3, '0')}`;
    const rep = { name: char(SURNAMES) + char(GIVEN) + (rng() < 0.6 ? char(GIVEN) : ''), idNumber: id17 + idNumberCheckChar(id17) };
    const address = `河南省${place.city}${place.county}${pick(ROADS)}${int(1, 399)}号${rng() < 0.5 ? `${int(1, 30)}层` : ''}`;

    const base = { creditCode: code, name, division: place.code, industry, address, legalRepresentative: rep };
    const row = kind === 'weak' ? weakFirm(base)
      : kind === 'revoked' ? { ...(techLike ? strongFirm(base) : weakFirm(base)), status: rng() < 0.6 ? 'revoked' as const : 'cancelled' as const }
      : strongFirm(base);
    const hit = kind === 'negative-list' ? (() => {
      const l = pick(NEGATIVE_LISTS);
      return { list: l.list, since: date(2024, 2026).replace(/^2026-(1[2-9]|[0-9]{2})/, '2026-06'), detail: l.detail(place.city, int(100, 9999)) };
    })() : undefined;
    rows.push({ facts: row, kind, ...(hit ? { negativeListHit: hit } : {}) });
  }
  return rows;

  type Base = Pick<EnterpriseFacts, 'creditCode' | 'name' | 'division' | 'industry' | 'address' | 'legalRepresentative'>;

  function facts(base: Base, f: { establishedOn: string; capital: number; labels: [string, number][]; revenue: number; totalAssets: number; totalLiabilities: number; netProfit: number; rdExpense: number; employees: number; techStaff: number }): EnterpriseFacts {
    const money = (value: number) => ({ value, year: FILING_YEAR, source: SOURCES.financials });
    return {
      ...base,
      status: 'in-operation',
      establishedOn: f.establishedOn,
      registeredCapital: f.capital,
      labels: f.labels.map(([label, year]) => ({ label, year, source: LABEL_SOURCES[label] })),
      financials: { revenue: money(f.revenue), totalAssets: money(f.totalAssets), totalLiabilities: money(f.totalLiabilities), netProfit: money(f.netProfit), rdExpense: money(f.rdExpense) },
      employees: { value: f.employees, year: FILING_YEAR, source: SOURCES.employees },
      techStaff: { value: f.techStaff, year: FILING_YEAR, source: SOURCES.techStaff },
    };
  }

  /** Sound, growing and recognised: re-drawn until the decision engine approves its small loan automatically. */
  function strongFirm(base: Base): EnterpriseFacts {
    for (let attempt = 0; attempt < 30; attempt++) {
      const scale = clamp(lognormal(rng, 1, 0.35), 0.4, 2.5);
      const revenue = yuan(8_000_000_000 * scale);
      const totalAssets = yuan(revenue * between(0.6, 0.9));
      const employees = Math.round(clamp(120 * scale ** 0.7 * between(0.8, 1.2), 20, 450));
      const labels: [string, number][] = [['tech-sme', int(2023, 2025)]];
      if (rng() < 0.7) labels.push(['high-tech', int(2022, 2025)]);
      if (rng() < 0.25) {
        labels.push(['srdi', int(2022, 2025)]);
        if (rng() < 0.2) labels.push(['little-giant', int(2023, 2025)]);
      }
      const f = facts(base, {
        establishedOn: date(2008, 2019),
        capital: yuan(between(1_000_000, 50_000_000) * 100),
        labels,
        revenue, totalAssets,
        totalLiabilities: yuan(totalAssets * between(0.2, 0.38)),
        netProfit: yuan(revenue * between(0.09, 0.16)),
        rdExpense: yuan(revenue * between(0.08, 0.14)),
        employees,
        techStaff: Math.round(employees * between(0.38, 0.6)),
      });
      if (CHECK_DATES.every((today) => outcome(f, today, []) === 'approved')) return f;
    }
    throw new Error(`no approvable figures for ${base.creditCode}`);
  }

  /** Young, loss-making, nearly all debt, no R&D and no label: never approved automatically. */
  function weakFirm(base: Base): EnterpriseFacts {
    for (let attempt = 0; attempt < 30; attempt++) {
      const revenue = yuan(between(50_000_000, 300_000_000));
      const totalAssets = yuan(revenue * between(0.3, 0.6));
      const employees = int(3, 15);
      const f = facts(base, {
        establishedOn: date(2024, 2025),
        capital: yuan(between(100_000, 1_000_000) * 100),
        labels: [],
        revenue, totalAssets,
        totalLiabilities: yuan(totalAssets * between(0.9, 0.99)),
        netProfit: -yuan(revenue * between(0.1, 0.3)),
        rdExpense: 0,
        employees,
        techStaff: 0,
      });
      if (CHECK_DATES.every((today) => outcome(f, today, []) !== 'approved')) return f;
    }
    throw new Error(`no weak figures for ${base.creditCode}`);
  }
}

/** The application a verified enterprise makes with its own figures: a small Technology Loan. */
export function ownApplication(f: EnterpriseFacts): CreateApplicationInput {
  return {
    ...STRONG_APPLICANT,
    enterprise: {
      name: f.name, creditCode: f.creditCode, industry: f.industry, establishedOn: f.establishedOn,
      employees: f.employees.value, techStaff: f.techStaff.value, labels: f.labels.map((l) => l.label),
      financials: {
        revenue: f.financials.revenue.value, totalAssets: f.financials.totalAssets.value, totalLiabilities: f.financials.totalLiabilities.value,
        netProfit: f.financials.netProfit.value, rdExpense: f.financials.rdExpense.value,
      },
    },
  };
}

function outcome(f: EnterpriseFacts, today: string, hits: NegativeListHit[]) {
  return decide({ application: ownApplication(f), verifiedDocuments: ['business-licence', 'legal-rep-id', 'bank-account'], negativeListHits: hits, today }).outcome;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = generate();
  const text = `${COLUMNS.join('\t')}\n${rows.map(formatRow).join('\n')}\n`;
  // mtime 0 in the gzip header, so the same rows give the same bytes.
  writeFileSync(DATASET_URL, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
  const count = (k: DemoKind) => rows.filter((r) => r.kind === k).length;
  console.log(`${rows.length} firms in ${new Set(rows.map((r) => r.facts.division)).size} divisions: ${count('strong')} strong, ${count('weak')} weak, ${count('negative-list')} negative-listed, ${count('revoked')} revoked or cancelled → ${fileURLToPath(DATASET_URL)}`);
}
