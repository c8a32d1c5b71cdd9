/**
 * Messages every app shares. Each app merges its own on top (see createAppI18n). Syntax: `{name}` placeholders and
 * `a | b` plural forms (i18n/compile.ts); `{` and `|` cannot appear as text.
 */
export const zhCN = {
  app: {
    name: '营商环境服务平台',
    slogan: '优化营商环境 · 万人助万企 · 三个一批 · 三标赛马',
    cityOffice: '郑州市优化营商环境工作领导小组办公室',
  },
  common: {
    confirm: '确定',
    cancel: '取消',
    close: '关闭',
    back: '返回',
    retry: '重试',
    refresh: '刷新',
    loading: '加载中…',
    empty: '暂无数据',
    home: '首页',
    signOut: '退出登录',
    backHome: '返回首页',
    yes: '是',
    no: '否',
  },
  modules: {
    projects: '三个一批项目',
    enterprise: '万人助万企',
    assessments: '三标赛马',
    admin: '系统管理',
  },
  moduleDescriptions: {
    projects: '签约、开工、投产项目台账，投资月报与问题台账',
    enterprise: '包联走访、企业诉求办理与惠企政策免申即享',
    assessments: '三标管理、观摩评价、督查任务与赛马排名',
    admin: '部门、用户、角色权限与本单位品牌设置',
  },
  tenantKinds: {
    city: '市本级',
    district: '市辖区',
    county_city: '县级市',
    county: '县',
    devzone: '开发区',
  },
  tenantStatus: {
    invited: '待开通',
    active: '正常',
    suspended: '已停用',
  },
  dataScopes: {
    all: '本单位全部数据',
    department_tree: '本部门及下级部门',
    department: '本部门',
    self: '仅本人',
  },
  errors: {
    network: '网络连接失败',
    networkDetail: '无法连接到服务器，请检查网络后重试。',
    server: '服务暂时不可用',
    unknown: '请求失败',
    sessionExpired: '登录已过期，请重新登录',
    forbidden: '无权访问',
  },
  states: {
    underConstruction: '该模块正在建设中',
    underConstructionDetail: '功能正在开发，上线后将在此处提供服务。',
    notEnabled: '本单位未启用该模块',
    notEnabledDetail: '如需使用，请联系本单位系统管理员在“租户设置”中启用。',
    forbidden: '您没有访问该模块的权限',
    forbiddenDetail: '如需开通，请联系本单位系统管理员分配角色。',
    notFound: '页面不存在',
    notFoundDetail: '您访问的页面不存在或已被移除。',
    loadFailed: '页面加载失败',
  },
};

export type SharedMessages = typeof zhCN;
