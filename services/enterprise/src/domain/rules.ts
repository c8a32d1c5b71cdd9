// The one rules engine of 免申即享 lives in the contracts, beside the criteria schema, so that the service, the demo
// seeds and the policy editor's live preview all evaluate criteria the same way.
export { type EnterpriseFacts, criteriaText, describeCriterion, evaluate, yearsBetween } from '@yingshang/contracts';
