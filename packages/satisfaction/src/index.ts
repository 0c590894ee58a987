export { FsSatisfaction, type FsFeedbackSubmitDetail } from './satisfaction/satisfaction.js';
export { FsSatisfactionResults } from './satisfaction-results/satisfaction-results.js';
