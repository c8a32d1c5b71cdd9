import { type Ranking, dimensionLabels, rankingStatusLabels } from '@yingshang/contracts';
import { type OutValue, writeWorkbook } from '@yingshang/service-kit/xlsx';

export function contentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * The 通报 as people circulate it: the overall table with group ranks, change and 红黑榜, each indicator's score;
 * then the frozen inputs (values as entered or computed) and the weights and formula they were scored with.
 * Decimals go out as the exact text the API gives, so the sheet shows the published digits.
 */
export function rankingWorkbook(ranking: Ranking): Promise<Uint8Array> {
  const inds = ranking.indicators;
  const change = (n: number | null) => (n === null ? '—' : n > 0 ? `↑${n}` : n < 0 ? `↓${-n}` : '—');
  const list = (l: string | null) => (l === 'red' ? '红榜' : l === 'black' ? '黑榜' : '');
  const scoreRows: OutValue[][] = ranking.result.entries.map((e) => [
    e.rank,
    e.tenantName,
    e.rankingGroup ?? '未分组',
    e.groupRank,
    e.composite,
    change(e.change),
    list(e.list),
    ...inds.map((i) => e.scores.find((s) => s.indicatorId === i.indicatorId)?.score ?? '缺'),
  ]);
  const valueRows: OutValue[][] = ranking.result.entries.map((e) => [
    e.tenantName,
    ...inds.map((i) => e.scores.find((s) => s.indicatorId === i.indicatorId)?.value ?? '缺'),
  ]);
  const weightRows: OutValue[][] = inds.map((i) => [i.code, i.name, dimensionLabels[i.dimension], i.unit, i.direction === 'higher' ? '越高越好' : '越低越好', i.weight, i.required ? '是' : '否', i.best ?? '', i.average ?? '']);
  weightRows.push([], ['周期', ranking.periodName], ['状态', rankingStatusLabels[ranking.status]], ['公式版本', ranking.formulaVersion], ['标准化方法', ranking.normalisation], ['缺失值处理', ranking.missingPolicy], ['发布时间', ranking.publishedAt ?? '']);
  return writeWorkbook([
    {
      name: '综合排名',
      columns: [
        { header: '排名', kind: 'int', width: 6 },
        { header: '单位', width: 22 },
        { header: '分组', width: 16 },
        { header: '组内排名', kind: 'int', width: 8 },
        { header: '综合得分', width: 10 },
        { header: '较上期', width: 8 },
        { header: '红黑榜', width: 8 },
        ...inds.map((i) => ({ header: `${i.name}得分`, width: 12 })),
      ],
      rows: scoreRows,
    },
    { name: '指标数据', columns: [{ header: '单位', width: 22 }, ...inds.map((i) => ({ header: `${i.name}${i.unit ? `（${i.unit}）` : ''}`, width: 14 }))], rows: valueRows },
    {
      name: '权重与公式',
      columns: [{ header: '指标编码', width: 14 }, { header: '指标名称', width: 20 }, { header: '维度', width: 10 }, { header: '单位', width: 8 }, { header: '方向', width: 10 }, { header: '权重', width: 8 }, { header: '必填', width: 6 }, { header: '最优值', width: 10 }, { header: '平均值', width: 10 }],
      rows: weightRows,
    },
  ]);
}
