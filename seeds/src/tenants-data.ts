import { MODULES, type ModuleCode } from '@yingshang/contracts';

export type TenantKind = 'city' | 'district' | 'county_city' | 'county' | 'devzone';

export interface TenantSeed {
  /** Fixed, so URLs, tokens in fixtures and tests stay the same from one fresh database to the next. */
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly shortName: string;
  readonly kind: TenantKind;
  /** The statistical division code (统计用区划代码); 郑东新区 has none and gets an internal one. */
  readonly divisionCode: string;
  readonly rankingGroup: string | null;
  readonly primaryColor: string;
  readonly logo: string;
  readonly modules: readonly ModuleCode[];
  readonly sortOrder: number;
}

type EmblemShape = 'circle' | 'roundedSquare' | 'shield' | 'hexagon' | 'octagon';

/** Outlines on a 64×64 canvas; the inner ring is the same outline scaled down around the centre. */
const shapes: Readonly<Record<EmblemShape, string>> = {
  circle: 'M2 32a30 30 0 1 0 60 0a30 30 0 1 0-60 0Z',
  roundedSquare: 'M16 2h32a14 14 0 0 1 14 14v32a14 14 0 0 1-14 14H16A14 14 0 0 1 2 48V16A14 14 0 0 1 16 2Z',
  shield: 'M32 2L58 10V30C58 46 47 56 32 62C17 56 6 46 6 30V10Z',
  hexagon: 'M32 2L58 17V47L32 62L6 47V17Z',
  octagon: 'M20 2H44L62 20V44L44 62H20L2 44V20Z',
};

/**
 * A demo emblem: the tenant's first character in white on its colour. The character goes in as an XML character
 * reference so the SVG stays ASCII and base64-encodes the same way in Node, Workers and browsers.
 */
function emblem(tenantName: string, color: string, shape: EmblemShape): string {
  const glyph = `&#x${tenantName.codePointAt(0)!.toString(16).toUpperCase()};`;
  const outline = shapes[shape];
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">' +
    `<path d="${outline}" fill="${color}"/>` +
    `<path d="${outline}" fill="none" stroke="#fff" stroke-opacity=".6" stroke-width="2" transform="matrix(.84 0 0 .84 5.12 5.12)"/>` +
    '<text x="32" y="43" text-anchor="middle" font-size="30" font-weight="700" fill="#fff" ' +
    `font-family="'Noto Serif CJK SC','Source Han Serif SC','Songti SC',SimSun,serif">${glyph}</text></svg>`;
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

const ALL_MODULES: readonly ModuleCode[] = [...MODULES];

export const CITY_TENANT_ID = '0193f1a0-0000-7000-8000-000000410100';

export const CITY_TENANT: TenantSeed = {
  id: CITY_TENANT_ID,
  slug: 'zhengzhou',
  name: '郑州市',
  shortName: '郑州市',
  kind: 'city',
  divisionCode: '410100',
  rankingGroup: null,
  primaryColor: '#1f4e8c',
  logo: emblem('郑州市', '#1f4e8c', 'circle'),
  modules: ALL_MODULES,
  sortOrder: 0,
};

/**
 * DOMAIN.md's table, in its order. Colours are deep enough for white text (WCAG contrast ≥ 4.5) and neighbours
 * in a ranking table differ in hue; the emblem shape varies too, since 中原/中牟 and 新密/新郑 share a character.
 * The last block of each id is the division code, or `4101d0` for 郑东新区.
 */
const districts: ReadonlyArray<
  Omit<TenantSeed, 'logo' | 'modules' | 'sortOrder'> & { readonly shape: EmblemShape }
> = [
  { id: '0193f1a0-0000-7000-8000-000000410102', slug: 'zhongyuan', name: '中原区', shortName: '中原区', kind: 'district', divisionCode: '410102', rankingGroup: '市内五区', primaryColor: '#8c5212', shape: 'shield' },
  { id: '0193f1a0-0000-7000-8000-000000410103', slug: 'erqi', name: '二七区', shortName: '二七区', kind: 'district', divisionCode: '410103', rankingGroup: '市内五区', primaryColor: '#b22222', shape: 'hexagon' },
  { id: '0193f1a0-0000-7000-8000-000000410104', slug: 'guancheng', name: '管城回族区', shortName: '管城区', kind: 'district', divisionCode: '410104', rankingGroup: '市内五区', primaryColor: '#6a3d8f', shape: 'octagon' },
  { id: '0193f1a0-0000-7000-8000-000000410105', slug: 'jinshui', name: '金水区', shortName: '金水区', kind: 'district', divisionCode: '410105', rankingGroup: '市内五区', primaryColor: '#0b6e69', shape: 'roundedSquare' },
  { id: '0193f1a0-0000-7000-8000-000000410108', slug: 'huiji', name: '惠济区', shortName: '惠济区', kind: 'district', divisionCode: '410108', rankingGroup: '市内五区', primaryColor: '#4a7a1e', shape: 'circle' },
  { id: '0193f1a0-0000-7000-8000-000000410106', slug: 'shangjie', name: '上街区', shortName: '上街区', kind: 'district', divisionCode: '410106', rankingGroup: '县(市)及上街区', primaryColor: '#455a64', shape: 'shield' },
  { id: '0193f1a0-0000-7000-8000-000000410122', slug: 'zhongmou', name: '中牟县', shortName: '中牟县', kind: 'county', divisionCode: '410122', rankingGroup: '县(市)及上街区', primaryColor: '#7a6a0a', shape: 'hexagon' },
  { id: '0193f1a0-0000-7000-8000-000000410181', slug: 'gongyi', name: '巩义市', shortName: '巩义市', kind: 'county_city', divisionCode: '410181', rankingGroup: '县(市)及上街区', primaryColor: '#5d4037', shape: 'octagon' },
  { id: '0193f1a0-0000-7000-8000-000000410182', slug: 'xingyang', name: '荥阳市', shortName: '荥阳市', kind: 'county_city', divisionCode: '410182', rankingGroup: '县(市)及上街区', primaryColor: '#8b1e5a', shape: 'roundedSquare' },
  { id: '0193f1a0-0000-7000-8000-000000410183', slug: 'xinmi', name: '新密市', shortName: '新密市', kind: 'county_city', divisionCode: '410183', rankingGroup: '县(市)及上街区', primaryColor: '#ad1457', shape: 'circle' },
  { id: '0193f1a0-0000-7000-8000-000000410184', slug: 'xinzheng', name: '新郑市', shortName: '新郑市', kind: 'county_city', divisionCode: '410184', rankingGroup: '县(市)及上街区', primaryColor: '#a63d1c', shape: 'shield' },
  { id: '0193f1a0-0000-7000-8000-000000410185', slug: 'dengfeng', name: '登封市', shortName: '登封市', kind: 'county_city', divisionCode: '410185', rankingGroup: '县(市)及上街区', primaryColor: '#1e6e46', shape: 'hexagon' },
  { id: '0193f1a0-0000-7000-8000-0000004101d0', slug: 'zhengdong', name: '郑东新区', shortName: '郑东新区', kind: 'devzone', divisionCode: '410100-ZD', rankingGroup: '开发区', primaryColor: '#00737d', shape: 'octagon' },
  { id: '0193f1a0-0000-7000-8000-000000410171', slug: 'jingkai', name: '郑州经济技术开发区', shortName: '经开区', kind: 'devzone', divisionCode: '410171', rankingGroup: '开发区', primaryColor: '#303f9f', shape: 'roundedSquare' },
  { id: '0193f1a0-0000-7000-8000-000000410172', slug: 'gaoxin', name: '郑州高新技术产业开发区', shortName: '高新区', kind: 'devzone', divisionCode: '410172', rankingGroup: '开发区', primaryColor: '#4527a0', shape: 'circle' },
  { id: '0193f1a0-0000-7000-8000-000000410173', slug: 'hangkonggang', name: '郑州航空港经济综合实验区', shortName: '航空港区', kind: 'devzone', divisionCode: '410173', rankingGroup: '开发区', primaryColor: '#0277bd', shape: 'shield' },
];

export const DISTRICT_TENANTS: readonly TenantSeed[] = districts.map(({ shape, ...tenant }, index) => ({
  ...tenant,
  logo: emblem(tenant.shortName, tenant.primaryColor, shape),
  modules: ALL_MODULES,
  sortOrder: index + 1,
}));

/** The city first, then its districts in table order. */
export const TENANTS: readonly TenantSeed[] = [CITY_TENANT, ...DISTRICT_TENANTS];

export const RANKING_GROUPS: readonly string[] = ['市内五区', '县(市)及上街区', '开发区'];
