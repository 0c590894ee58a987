import { defineElement } from '@fs-widgets/core';
import { FsAgenda } from './agenda.component.js';

export { FsAgenda };
export type { AgendaChangeDetail } from './agenda.component.js';

defineElement('fs-agenda', FsAgenda);

declare global {
  interface HTMLElementTagNameMap {
    'fs-agenda': FsAgenda;
  }
}
