import { defineElement } from '@fs-widgets/core';
import { FsConfigurator } from './configurator.component.js';

export { FsConfigurator };
export type { FsConfigurationChangeDetail, FsSnippetCopyDetail, SnippetVariant } from './configurator.component.js';
export type { ReleaseInfo } from './embed-snippets.js';

defineElement('fs-configurator', FsConfigurator);

declare global {
  interface HTMLElementTagNameMap {
    'fs-configurator': FsConfigurator;
  }
}
