import { defineElement } from '@fs-widgets/core';
import { FsCommuneSearch } from './commune-search.component.js';

export { FsCommuneSearch };
export type { FsPlaceSelectDetail } from './place-select-event.js';

defineElement('fs-commune-search', FsCommuneSearch);

declare global {
  interface HTMLElementTagNameMap {
    'fs-commune-search': FsCommuneSearch;
  }
}
