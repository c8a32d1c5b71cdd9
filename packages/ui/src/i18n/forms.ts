/**
 * Messages of the branding and account forms (colour, logo, modules, password and name rules). Only the pages with
 * those forms need them, so they are merged in when such a page loads (mergeFormMessages), not shipped at boot.
 */
export const formMessagesZhCN = {
  branding: {
    color: '主题色',
    colorHint: '用于登录页、导航、按钮与标签；各色阶由主题色自动计算。',
    colorPresets: '推荐配色',
    colorInvalid: '颜色须为 #RRGGBB 形式，例如 #0b6e69',
    logo: '单位标识',
    logoUpload: '上传图片',
    logoReplace: '更换图片',
    logoRemove: '移除',
    logoHint: '支持 PNG、JPEG、WebP、SVG，不超过 200 KB，建议方形透明底。未上传时使用单位简称首字。',
    logoType: '不支持的图片类型 {type}，请使用 PNG、JPEG、WebP 或 SVG',
    logoSize: '图片不能超过 200 KB（当前 {kb} KB）',
    logoDefault: '使用文字标识',
    preview: '实时预览',
    previewSignIn: '登录页',
    previewLayout: '工作台',
    moduleAlways: '必选',
    moduleNotAllowed: '未开通',
  },
  validation: {
    required: '请填写{field}',
    password: '密码须为 8–64 位，同时包含字母、数字和符号',
    passwordHasUsername: '密码不能包含用户名',
    passwordMismatch: '两次输入的密码不一致',
    username: '用户名须为 3–32 位字母、数字、下划线、点或连字符，以字母开头',
    slug: '地址标识须为 3–32 位小写字母、数字或连字符，以字母开头',
    slugReserved: '该地址标识为系统保留，请换一个',
    phone: '电话须为 11 位手机号或带区号的座机号',
  },
};

export type FormMessages = typeof formMessagesZhCN;
