import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { fn } from 'storybook/test';
import type { FsConfigurationChangeDetail, FsSnippetCopyDetail, ReleaseInfo } from '@fs-widgets/configurator/configurator.js';
import '@fs-widgets/configurator/configurator.js';
// The widgets previewed (on the configurator's page, its one-script loader defines them).
import '@fs-widgets/site-locator/site-card.js';
import '@fs-widgets/site-locator/site-locator.js';
import manifest from '../custom-elements.json';
import api from './fixtures/api.json';

/** The fake API of `.storybook/fake-api.ts` (recorded answers of the real server). */
const API = 'https://storybook.invalid/api/v1';
/** What the snippets point at: an example server (the catalogue has no real one). */
const SERVER = 'https://widgets.example.fr/';
/** The stories' frozen clock: the nearest sites of Mende are recorded at this instant. */
const MONDAY_MORNING = new Date('2026-11-30T09:00:00Z');

/** An illustrative pinned release (the real one is `/widgets/integrity.json` of the server). */
const RELEASE: ReleaseInfo = {
  version: '0.1.0',
  files: {
    'fs-widgets.js': { url: '/widgets/v0.1.0/fs-widgets.js', integrity: 'sha384-EXEMPLE0000000000000000000000000000000000000000000000000000000000' },
    'fs-iframe-resize.js': { url: '/widgets/v0.1.0/fs-iframe-resize.js', integrity: 'sha384-EXEMPLE1111111111111111111111111111111111111111111111111111111111' },
  },
};

/** Mende as the real server's commune search answers it (recorded in `api.json`). */
const mende = (api as unknown as Record<string, { body: { items: Array<Record<string, unknown>> } }>)['communes?limit=8&q=mende']!.body.items.find(
  (c) => c.insee === '48095',
)!;

interface ConfiguratorArgs {
  server?: string;
  api?: string;
  lang?: 'fr' | 'en';
  /** The manifest given to the element (`undefined`: it fetches `<server>widgets/custom-elements.json`). */
  withManifest?: boolean;
  onConfigurationChange?: (event: CustomEvent<FsConfigurationChangeDetail>) => void;
  onSnippetCopy?: (event: CustomEvent<FsSnippetCopyDetail>) => void;
}

/** The configurator's shadow root once its list of widgets is shown. */
async function ready(canvas: HTMLElement): Promise<ShadowRoot> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const root = canvas.querySelector('fs-configurator')?.shadowRoot;
    if (root?.querySelector('input[name="widget"]')) return root;
    if (Date.now() > deadline) throw new Error('<fs-configurator> did not show its widgets');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function chooseWidget(canvas: HTMLElement, tag: string): Promise<ShadowRoot> {
  const root = await ready(canvas);
  root.querySelector<HTMLInputElement>(`input[name="widget"][value="${tag}"]`)!.click();
  await canvas.querySelector('fs-configurator')!.updateComplete;
  return root;
}

/** Chooses Mende as the commune search does when a person picks it. */
async function chooseMende(root: ShadowRoot): Promise<void> {
  const search = root.querySelector('fs-commune-search')!;
  search.dispatchEvent(
    new CustomEvent('fs-place-select', {
      bubbles: true,
      composed: true,
      detail: { kind: 'commune', label: 'Mende (48000)', name: 'Mende', location: mende.location, commune: mende },
    }),
  );
}

const meta = {
  title: 'Configurator',
  id: 'configurator',
  component: 'fs-configurator',
  tags: ['autodocs'],
  render: (args) => html`<fs-configurator
    server=${args.server ?? SERVER}
    api=${args.api ?? API}
    lang=${args.lang ?? 'fr'}
    no-url-state
    .manifest=${args.withManifest === false ? undefined : manifest}
    .release=${RELEASE}
    .now=${MONDAY_MORNING}
    @fs-configuration-change=${(e: CustomEvent<FsConfigurationChangeDetail>) => args.onConfigurationChange?.(e)}
    @fs-snippet-copy=${(e: CustomEvent<FsSnippetCopyDetail>) => args.onSnippetCopy?.(e)}
  ></fs-configurator>`,
  args: { lang: 'fr', onConfigurationChange: fn(), onSnippetCopy: fn() },
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" } },
    },
    withManifest: { control: 'boolean', table: { category: 'story' } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The page tool behind `/configurateur`: the list of widgets and each form come from the custom elements manifest, the commune ' +
          'from the locator’s own search, the preview is the real widget. Here the manifest is the repository’s, the release an ' +
          'illustrative one, and the API the catalogue’s fake (recorded answers of the real server).',
      },
    },
  },
} satisfies Meta<ConfiguratorArgs>;

export default meta;
type Story = StoryObj<ConfiguratorArgs>;

/** Before any choice: the public widgets, and why the agents’ tools are not there. */
export const Start: Story = {};

/** A widget chosen (by the play function): its form generated from the manifest, its preview, its code. */
export const WidgetChosen: Story = {
  play: async ({ canvasElement }) => {
    await chooseWidget(canvasElement, 'fs-site-locator');
  },
};

/** The commune chosen (Mende): the nearest sites, the nearest one chosen, the card previewed. */
export const CommuneChosen: Story = {
  play: async ({ canvasElement }) => {
    await chooseMende(await chooseWidget(canvasElement, 'fs-site-card'));
  },
};

/** The code copied (by the play function): the status says so, or how to copy when the browser refuses. */
export const Copied: Story = {
  play: async ({ canvasElement }) => {
    const root = await chooseWidget(canvasElement, 'fs-site-card');
    await chooseMende(root);
    root.querySelector<HTMLButtonElement>('#script-copy')!.click();
  },
};

/** The list of widgets is on its way. */
export const Loading: Story = {
  args: { withManifest: false, server: 'https://storybook.invalid/pending/' },
};

/** The widgets’ server answers with an error. */
export const ManifestError: Story = {
  args: { withManifest: false, server: 'https://storybook.invalid/unavailable/' },
};

/** No network, and no copy of the list on the device. */
export const Offline: Story = {
  args: { withManifest: false, server: 'https://storybook.invalid/offline/' },
};

export const English: Story = {
  args: { lang: 'en' },
  play: async ({ canvasElement }) => {
    await chooseMende(await chooseWidget(canvasElement, 'fs-site-card'));
  },
};
