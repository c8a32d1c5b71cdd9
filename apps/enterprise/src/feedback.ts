/**
 * The enterprise app's messages, confirmations and problem reports (see createFeedback in @yingshang/ui): one instance
 * for this module, pointed at its own app context and i18n by App.vue.
 */
import { createFeedback } from '@yingshang/ui/feedback.ts';

export { problemMessage, type ReportOptions } from '@yingshang/ui/feedback.ts';
export const { setFeedbackContext, toast, confirm, prompt, staleAlert, reportProblem } = createFeedback();
