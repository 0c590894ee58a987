import type { ParseIssue } from './delimited-file.js';

/** A row of an imported file that was skipped or repaired, with where it came from and why. */
export interface ImportIssue extends ParseIssue {
  source: string;
  recordId: string | null;
  /**
   * `skipped`: the row was not loaded; `corrected`: loaded after a repair the message describes;
   * `differs`: the row disagrees with what the site published itself, which is kept (issue 16).
   */
  level: 'skipped' | 'corrected' | 'differs';
}
