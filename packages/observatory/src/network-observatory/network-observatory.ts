import { defineElement } from '@fs-widgets/core';
import { FsNetworkObservatory } from './network-observatory.component.js';

export { FsNetworkObservatory };

defineElement('fs-network-observatory', FsNetworkObservatory);

declare global {
  interface HTMLElementTagNameMap {
    'fs-network-observatory': FsNetworkObservatory;
  }
}
