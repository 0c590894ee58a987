export { FsDemarcheLog, type FsActLoggedDetail } from './demarche-log/demarche-log.js';
export { FsDemarcheTracker } from './demarche-tracker/demarche-tracker.js';
export { FsPartnerEditor, type FsPartnersChangeDetail } from './partner-editor/partner-editor.js';
export { parseCaseCode, normalizeCaseCode, formatCaseCode, checkSymbol, type ParsedCaseCode, type CaseCodeProblem } from './case-code.js';
