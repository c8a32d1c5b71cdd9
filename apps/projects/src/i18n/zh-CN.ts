/**
 * The projects module's messages every page needs (merged over the shared ones): the ledger — the module's first
 * view — the enumerations, field names and page titles. Each other page brings its own section (i18n/sections),
 * loaded with the page, so the first view does not carry them. Placeholders are `{name}` only.
 */
export const projectsZhCN = {
  projects: {
    backToLedger: '返回项目台账',
    forbiddenDetail: '您的角色没有该页面的权限。如需开通，请联系本单位系统管理员。',
    units: { wan: '万元', yi: '亿元', ge: '个' },
    enums: {
      stage: { planning: '谋划', negotiating: '洽谈', signed: '签约', started: '开工', constructing: '建设', producing: '投产', at_capacity: '达产' },
      category: {
        advanced_manufacturing: '先进制造业',
        emerging_industry: '战略性新兴产业',
        digital_infrastructure: '数字经济和新型基础设施',
        major_infrastructure: '重大基础设施',
        modern_services: '现代服务业',
        livelihood: '社会民生',
        other: '其他',
      },
      level: { provincial: '省重点', municipal: '市重点', district: '区重点' },
      strategy: {
        innovation: '创新驱动、科教兴省、人才强省战略',
        advantage_rebuild: '优势再造战略',
        digital_transformation: '数字化转型战略',
        lane_change: '换道领跑战略',
        culture_tourism: '文旅文创融合战略',
        new_urbanization: '以人为核心的新型城镇化战略',
        rural_revitalization: '乡村振兴战略',
        green_low_carbon: '绿色低碳转型战略',
        institutional_opening: '制度型开放战略',
        deepening_reform: '全面深化改革战略',
      },
      schedule: { ahead: '超序时进度', on_track: '符合序时进度', behind: '滞后序时进度', no_plan: '无年度计划' },
    },
    fields: {
      keyword: '关键词',
      code: '项目编号',
      name: '项目名称',
      category: '项目类别',
      strategy: '十大战略',
      level: '项目级别',
      department: '责任单位',
      attracted: '招商引资',
      stage: '项目阶段',
      batch: '三个一批',
      schedule: '进度状态',
      asOf: '进度截至',
    },
    ledger: {
      title: '项目台账',
      description: '三个一批重大项目全周期台账：按阶段、类别、批次、责任单位筛选，跟踪年度投资完成与序时进度。',
      keywordPlaceholder: '编号、名称或项目单位',
      batchPlaceholder: '如 2025Q2 开工',
      create: '新增项目',
      import: '导入',
      export: '导出',
      exportName: '项目台账.xlsx',
      exported: '已导出：{name}',
      empty: '没有符合条件的项目',
      asOf: '进度截至 {month}',
      totalInvestment: '总投资（万元）',
      stage: '阶段',
      ytd: '年度累计（万元）',
      ofPlan: '占年度计划 {rate}',
      view: '详情',
      fileReport: '填报',
    },
    form: {
      required: '请填写{field}',
      choose: '请选择{field}',
      moneyRequired: '请填写金额（万元）',
      moneyNegative: '金额不能为负数',
      moneyDecimals: '金额最多保留两位小数',
      moneyFormat: '金额须为不超过两位小数的数字（单位：万元）',
    },
    detail: {
      title: '项目详情',
    },
    report: {
      title: '月度填报',
    },
    investment: {
      title: '投资月报',
    },
    blockers: {
      title: '问题台账',
    },
    batches: {
      title: '三个一批批次',
    },
    stats: {
      title: '统计看板',
    },
  },
};

export type ProjectsMessages = typeof projectsZhCN;
