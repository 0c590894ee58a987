import { defineElement } from '@fs-widgets/core';
import { FsDemarcheLog } from './demarche-log.component.js';

export { FsDemarcheLog };
export type { FsActLoggedDetail } from './demarche-log.component.js';

defineElement('fs-demarche-log', FsDemarcheLog);

declare global {
  interface HTMLElementTagNameMap {
    'fs-demarche-log': FsDemarcheLog;
  }
}
