/**
 * The assessments module's messages every page needs (merged over the shared ones): page titles, enumerations and
 * the words several pages share. Each page brings its own section (i18n/sections), loaded with the page.
 * Placeholders are `{name}` only; no `|` (it separates plural forms).
 */
export const assessmentsZhCN = {
  assessments: {
    backHome: '返回赛马排名',
    forbiddenDetail: '您的角色没有该页面的权限。如需开通，请联系本单位系统管理员。',
    period: '考核周期',
    periodPlaceholder: '选择考核周期',
    noPeriods: '暂无考核周期',
    missing: '缺数',
    newEntry: '新进',
    published: '已发布',
    draft: '草稿',
    reviewed: '已审核',
    points: '分',
    rank: '第 {n} 名',
    enums: {
      rankingStatus: { draft: '草稿', reviewed: '已审核', published: '已发布' },
      normalisation: { share_of_best: '最优值占比', min_max: '极差法', points: '分档计分' },
      list: { red: '红榜', black: '黑榜' },
    },
    dashboard: { title: '赛马排名' },
    district: { title: '本区排名' },
    publish: { title: '排名发布' },
    targets: { title: '三标管理' },
    midYear: { title: '双过半 · 半年红' },
    indicators: { title: '指标体系' },
    values: { title: '指标数据' },
    observations: { title: '观摩评价' },
    scoring: { title: '观摩打分' },
    supervision: { title: '督查任务' },
  },
};

export type AssessmentsMessages = typeof assessmentsZhCN;
