export { createApiClient, type ApiClient, type ApiClientOptions, type ApiRequestInit } from './api/client.ts';
export {
  createSession,
  type CaptchaAnswer,
  type Session,
  type SessionEvent,
  type SessionOptions,
  type SignInResult,
} from './api/session.ts';
export {
  asProblemError,
  formField,
  ProblemError,
  isProblemError,
  networkProblem,
  problemFromResponse,
  type Problem,
  type ProblemFieldError,
} from './api/problem.ts';
export { applyPrimaryColor, DEFAULT_PRIMARY_COLOR, parseHexColor, primaryPalette, type PrimaryPalette } from './theme/color.ts';
export { ELEMENT_PLUS_CSS, letterLogo, loadStylesheet, removeStylesheet, setFavicon } from './theme/document.ts';
export { checkLogoFile, LOGO_MAX_BYTES, LOGO_TYPES, PRESET_COLORS, readAsDataUrl, type LogoProblem } from './theme/logo.ts';
export { createAppI18n, LOCALES, type DeepPartial, type Locale } from './i18n/create.ts';
export { zhCN, type SharedMessages } from './i18n/zh-CN.ts';
export { en } from './i18n/en.ts';
export { createPermissionDirective, hasPermission, type PermissionValue } from './permissions.ts';
export { emitShellEvent, onShellEvent, type ShellEventMap, type ShellEventName } from './shell-events.ts';
// Feedback (toasts, confirmations) imports Element Plus; it lives at `@yingshang/ui/feedback.ts`, not here, so the
// shell's sign-in page, which uses this index, never loads Element Plus.
export type { Feedback, ReportOptions, ReportProblem, Translate } from './feedback.ts';
export { PAGE_SIZES, useKeysetList, type KeysetList, type KeysetListOptions } from './composables/keyset-list.ts';
export { fileNameOf, saveResponse } from './composables/download.ts';
export { useFormErrors } from './composables/form-errors.ts';
export { default as PageContainer } from './components/PageContainer.vue';
export { default as EmptyState } from './components/EmptyState.vue';
export type * from './types.ts';
export * from './validation.ts';
