/** 三个一批批次. */
export default {
  batches: {
    description: '每季度“签约一批、开工一批、投产一批”的项目数与总投资，点击进入该批次项目。',
    quarter: '季度',
    batchOf: '一批',
    count: '{n} 个项目',
    yi: '{amount} 亿元',
    empty: '暂无批次',
  },
};
