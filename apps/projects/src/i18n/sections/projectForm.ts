/** 新增 / 修改项目: the record form. */
export default {
  form: {
    createTitle: '新增项目',
    editTitle: '修改项目',
    sections: { basic: '基本信息', money: '投资规模', owner: '责任与招商', dates: '阶段与日期' },
    codePlaceholder: '如 JS-2026-001',
    industryPlaceholder: '如 新能源汽车零部件',
    strategiesPlaceholder: '可多选',
    year: '年度',
    yearSuffix: '年',
    addYear: '添加年度',
    initialStage: '登记时所处阶段',
    datesHint: '实际日期不能晚于今天，且须按签约、开工、投产的顺序；阶段变化请使用“推进阶段”。',
    nothingChanged: '没有修改任何内容',
    created: '已登记项目“{name}”',
    updated: '项目信息已保存',
  },
};
