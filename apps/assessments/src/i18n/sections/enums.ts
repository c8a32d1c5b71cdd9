/** The enumerations the catalogue, input and supervision pages show (the first view needs none of them). */
export default {
  enums: {
    periodKind: { month: '月度', quarter: '季度', half: '半年', year: '年度' },
    periodStatus: { open: '开放填报', closed: '已关闭' },
    direction: { higher: '越高越好', lower: '越低越好' },
    dimension: { projects: '项目建设', enterprise: '助企服务', environment: '营商环境', observation: '观摩评价', supervision: '督查落实' },
    source: { computed: '系统计算', manual: '手工填报', tour: '观摩评分', supervision: '督查落实' },
    taskStatus: { assigned: '已交办', in_progress: '推进中', done: '已完成' },
    missingPolicy: { zero: '缺失记 0 分', exclude: '缺失不参与，权重按比例折算' },
  },
};
