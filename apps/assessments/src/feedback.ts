/** Messages, confirmations and failed requests shown with this app's own context (see @yingshang/ui's feedback). */
import { createFeedback } from '@yingshang/ui/feedback.ts';

export const { setFeedbackContext, toast, confirm, prompt, staleAlert, reportProblem } = createFeedback();
