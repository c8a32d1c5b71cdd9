/**
 * Messages, confirmations and the way failed requests are shown, for one micro-frontend. Element Plus keeps the
 * context of whichever app installed it last (often the shell's), so each module creates its own feedback and points
 * it at its own app context and i18n once mounted (`setFeedbackContext` in its App.vue); nothing here is bound to a
 * particular app.
 */
import { ElMessage, ElMessageBox, type MessageBoxData } from 'element-plus';
import type { AppContext } from 'vue';
import { asProblemError, type ProblemError } from './api/problem.ts';
import { zhCN } from './i18n/zh-CN.ts';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface ReportOptions {
  /** Field errors land here, keyed by form field (`json.slug` → `slug`), when the form has that field. */
  fields?: Record<string, string>;
  /** Called after the 412 dialog's reload button. */
  onStale?: () => void | Promise<void>;
}

/** Shows a failed request (see Feedback.reportProblem); what lists and composables take to report their failures. */
export type ReportProblem = (failure: unknown, options?: ReportOptions) => void;

/** `title：detail`, or just the title when the detail says nothing more. */
export function problemMessage(error: ProblemError): string {
  const { title, detail } = error.problem;
  return detail && detail !== title ? `${title}：${detail}` : title;
}

/** Until the app sets its i18n: the shared Chinese words (the bare keys would show otherwise). */
const shared: Translate = (key) => {
  let node: unknown = zhCN;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : key;
};

export function createFeedback() {
  let context: AppContext | null = null;
  let translate: Translate = shared;

  /** Renders with this app's context from now on; `null` on unmount. */
  function setFeedbackContext(appContext: AppContext | null, t: Translate | null): void {
    context = appContext;
    translate = t ?? shared;
  }

  const toast = {
    success: (message: string) => ElMessage({ message, type: 'success', grouping: true }, context),
    warning: (message: string) => ElMessage({ message, type: 'warning', grouping: true }, context),
    error: (message: string) => ElMessage({ message, type: 'error', grouping: true, duration: 5000, showClose: true }, context),
  };

  /** Resolves true when confirmed; a destructive one shows a red button. */
  async function confirm(message: string, title: string, options: { danger?: boolean; confirmText?: string } = {}): Promise<boolean> {
    try {
      await ElMessageBox.confirm(
        message,
        title,
        {
          type: options.danger ? 'warning' : 'info',
          confirmButtonText: options.confirmText ?? translate('common.confirm'),
          cancelButtonText: translate('common.cancel'),
          confirmButtonClass: options.danger ? 'el-button--danger' : '',
          autofocus: false,
          closeOnClickModal: false,
        },
        context,
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Asks for a line of text (a reason); null when cancelled. */
  async function prompt(message: string, title: string, options: { placeholder?: string; validator?: (v: string) => string | true } = {}): Promise<string | null> {
    try {
      const result = (await ElMessageBox.prompt(
        message,
        title,
        {
          confirmButtonText: translate('common.confirm'),
          cancelButtonText: translate('common.cancel'),
          inputPlaceholder: options.placeholder ?? '',
          inputType: 'textarea',
          ...(options.validator ? { inputValidator: options.validator } : {}),
          closeOnClickModal: false,
        },
        context,
      )) as MessageBoxData & { value: string };
      return result.value;
    } catch {
      return null;
    }
  }

  /** The 412 dialog: someone saved the record since it was loaded; offer to load theirs. */
  async function staleAlert(reload: () => void | Promise<void>): Promise<void> {
    try {
      await ElMessageBox.alert(
        translate('errors.staleDetail'),
        translate('errors.stale'),
        { type: 'warning', confirmButtonText: translate('errors.reload') },
        context,
      );
      await reload();
    } catch {
      // Closed without reloading: the form stays as the user left it.
    }
  }

  /**
   * Shows a failed request the way the pages agree on: field errors next to their form items, a 412 as the
   * "changed by someone else" dialog, anything else as a message with the service's title and detail.
   */
  const reportProblem: ReportProblem = (failure, options = {}) => {
    const error = asProblemError(failure);
    if (!error) {
      console.error(failure);
      toast.error(failure instanceof Error ? failure.message : String(failure));
      return;
    }
    if (error.stale && options.onStale) {
      void staleAlert(options.onStale);
      return;
    }
    const fields = options.fields;
    if (fields) {
      const byField = error.fieldErrors();
      const placed = Object.keys(byField).filter((key) => key in fields);
      for (const key of placed) fields[key] = byField[key]!;
      if (placed.length > 0 && placed.length === Object.keys(byField).length) {
        toast.error(translate('errors.validation'));
        return;
      }
    }
    toast.error(problemMessage(error));
  };

  return { setFeedbackContext, toast, confirm, prompt, staleAlert, reportProblem, problemMessage };
}

export type Feedback = ReturnType<typeof createFeedback>;
