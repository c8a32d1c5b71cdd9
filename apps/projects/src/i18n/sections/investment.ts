/** 投资月报 (the tenant’s month), and the monthly import’s template name. */
export default {
  investment: {
    description: '本单位数据范围内全部项目的某月投资填报情况，可导出 Excel 或导入填好的月报。',
    reported: '已填报项目',
    reportedHint: '{month}填报进度',
    monthCompleted: '本月完成投资',
    monthPlanned: '本月计划 {amount} 万元',
    annualPlan: '年度计划 {amount} 万元',
    onlyMissing: '只看未填报',
    import: '导入月报',
    export: '导出月报',
    exportName: '投资月报-{month}.xlsx',
    state: '填报',
    planned: '本月计划（万元）',
    completed: '本月完成（万元）',
    ytd: '年度累计（万元）',
    rate: '完成率',
    filed: '已填报',
    missing: '未填报',
    empty: '暂无项目',
  },
};
