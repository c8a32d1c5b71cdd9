/** 指标数据: each indicator's value for a period, where it came from, and the manual entry with evidence. */
export default {
  values: {
    description: '各单位每个周期的指标数据：系统计算的数据注明口径，人工填报的数据须附佐证材料。',
    tenant: '单位',
    indicator: '指标',
    value: '数值',
    source: '来源',
    evidence: '佐证材料',
    detail: '计算依据',
    recorded: '记录',
    none: '暂无数据',
    enter: '填报',
    closed: '该周期已关闭，不能再填报。',
    dialogTitle: '填报 · {indicator}',
    saved: '已保存“{indicator}”的数据',
    required: '请填写{field}',
    months: '{from} 至 {to}',
  },
};
