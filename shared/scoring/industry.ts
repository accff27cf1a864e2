/**
 * Industry buckets for percentile ranking. The applicant types the industry freely (Chinese or English);
 * ranking "within the industry" (thesis table 3.1) needs a fixed set of peer groups.
 */

export const INDUSTRY_BUCKETS = [
  'software-it', 'electronics', 'biomedicine', 'new-materials', 'new-energy',
  'advanced-manufacturing', 'environmental', 'tech-services', 'agritech', 'other',
] as const;
export type IndustryBucket = (typeof INDUSTRY_BUCKETS)[number];

/**
 * Strategic emerging industries (战略性新兴产业, State Council 2016 plan): next-generation IT, high-end
 * equipment, new materials, biotech, new energy (and vehicles), energy saving and environmental protection.
 */
export const STRATEGIC_EMERGING: ReadonlySet<IndustryBucket> = new Set([
  'software-it', 'electronics', 'biomedicine', 'new-materials', 'new-energy', 'advanced-manufacturing', 'environmental',
]);

/** First match wins, so the more specific buckets come first. Lower-case keywords for English text. */
const KEYWORDS: [IndustryBucket, string[]][] = [
  ['electronics', ['集成电路', '半导体', '芯片', '电子', '光电', 'semiconductor', 'chip', 'electronic', 'optoelectronic', 'integrated circuit']],
  ['software-it', ['软件', '信息技术', '信息服务', '互联网', '计算机', '大数据', '人工智能', '云计算', '数字', 'software', 'information technology', 'internet', 'computer', 'data', 'artificial intelligence', ' ai', 'cloud', 'digital', 'saas', ' it']],
  ['biomedicine', ['生物', '医药', '医疗', '制药', '健康', 'bio', 'pharma', 'medic', 'health', 'drug']],
  ['new-materials', ['材料', '化工', '复合', 'material', 'chemical', 'composite', 'polymer']],
  ['new-energy', ['新能源', '能源', '光伏', '电池', '储能', '氢', '风电', 'energy', 'solar', 'photovoltaic', 'battery', 'hydrogen', 'wind power']],
  ['environmental', ['环保', '节能', '环境', '回收', '水处理', 'environment', 'recycl', 'energy saving', 'waste', 'water treatment']],
  ['advanced-manufacturing', ['制造', '装备', '机械', '自动化', '机器人', '仪器', '汽车', '航空', 'manufactur', 'machine', 'equipment', 'automation', 'robot', 'instrument', 'automotive', 'aerospace']],
  ['agritech', ['农业', '种业', '农', '畜牧', '食品', 'agri', 'farm', 'seed', 'food']],
  ['tech-services', ['技术服务', '科技服务', '检测', '研发', '咨询', '设计', 'technical service', 'technology service', 'testing', 'research', 'consult', 'engineering', 'design']],
];

/** Maps free text such as "软件和信息技术服务业" or "software" to a bucket; anything unrecognised is 'other'. */
export function industryBucket(industry: string): IndustryBucket {
  const text = ` ${industry.trim().toLowerCase()} `;
  for (const [bucket, words] of KEYWORDS) {
    if (words.some((w) => text.includes(w))) return bucket;
  }
  return 'other';
}
