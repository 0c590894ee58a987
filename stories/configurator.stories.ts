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
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

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
    'fs-widgets.js': {
      url: '/widgets/v0.1.0/fs-widgets.js',
      integrity: 'sha384-EXEMPLE0000000000000000000000000000000000000000000000000000000000',
    },
    'fs-iframe-resize.js': {
      url: '/widgets/v0.1.0/fs-iframe-resize.js',
      integrity: 'sha384-EXEMPLE1111111111111111111111111111111111111111111111111111111111',
    },
  },
};

/** Mende as the real server's commune search answers it (recorded in `api.json`). */
const mende = (api as unknown as Record<string, { body: { items: Array<Record<string, unknown>> } }>)[
  'communes?limit=8&q=mende'
]!.body.items.find((c) => c.insee === '48095')!;

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
      detail: { kind: 'commune', label: 'Mende', name: 'Mende', location: mende.location, commune: mende },
    }),
  );
}

const meta = {
  // In a group, as every component: the sidebar lists ungrouped components before the introduction.
  title: 'Tools/Configurator',
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
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['start', 'widget-chosen', 'commune-chosen', 'copied', 'loading', 'manifest-error', 'offline', 'english'],
      screenshot: 'commune-chosen',
      docsRows: [
        'server',
        'heading-level',
        'no-url-state',
        'api',
        'lang',
        'manifest',
        'release',
        'now',
        'fs-configuration-change',
        'fs-snippet-copy',
        'preview',
        '--fs-configurator-accent',
      ],
    },
  },
} satisfies Meta<ConfiguratorArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<ConfiguratorArgs> & ExpectedStory;

/** Before any choice: the public widgets, and why the agents’ tools are not there. */
export const Start: Story = {
  parameters: {
    expect: {
      texts: ['1. Choisissez le widget', 'Trouver une France services', 'Votre France services', 'Votre avis', 'Les outils des agents'],
      selectors: ['input[name="widget"][value="fs-site-locator"]', 'input[name="widget"][value="fs-site-card"]'],
      noSelectors: ['input[name="widget"][value="fs-demarche-log"]', 'input[name="widget"]:checked', '#script-code'],
    },
  },
};

/** A widget chosen (by the play function): its form generated from the manifest, its preview, its code. */
export const WidgetChosen: Story = {
  play: async ({ canvasElement }) => {
    await chooseWidget(canvasElement, 'fs-site-locator');
  },
  parameters: {
    expect: {
      texts: [
        '2. Indiquez votre commune',
        'Commune ou code postal',
        '3. Réglez les options',
        'Affichage',
        'Réglages avancés',
        '4. Vérifiez l’aperçu',
        'Trouver une France services',
        '5. Copiez le code',
        'Copier le code',
        'Note pour votre prestataire',
      ],
      selectors: [
        'input[name="widget"][value="fs-site-locator"]:checked',
        '[data-attribute="view"] select',
        '[data-attribute="no-url-state"] input[type="checkbox"]',
        'fs-configurator > [slot="preview"] fs-site-locator',
        'textarea#script-code',
      ],
    },
  },
};

/** The commune chosen (Mende): the nearest sites, the nearest one chosen, the card previewed. */
export const CommuneChosen: Story = {
  play: async ({ canvasElement }) => {
    await chooseMende(await chooseWidget(canvasElement, 'fs-site-card'));
  },
  parameters: {
    expect: {
      texts: [
        'Commune choisie : Mende.',
        'France services les plus proches de Mende',
        'France services de Mende — à ',
        'La plus proche est choisie',
        'France services de Mende',
        'Copier le code du cadre',
      ],
      selectors: ['input[name="site"][value="2983"]:checked', 'fs-configurator > [slot="preview"] fs-site-card[site-id="2983"]'],
    },
  },
};

/** The code copied (by the play function): the status says so, or how to copy when the browser refuses. */
export const Copied: Story = {
  play: async ({ canvasElement }) => {
    const root = await chooseWidget(canvasElement, 'fs-site-card');
    await chooseMende(root);
    root.querySelector<HTMLButtonElement>('#script-copy')!.click();
  },
  parameters: {
    expect: {
      texts: ['Commune choisie : Mende', 'Copier le code'],
      selectors: ['[data-variant="script"][data-status] [role="status"]'],
    },
  },
};

/** The list of widgets is on its way. */
export const Loading: Story = {
  args: { withManifest: false, server: 'https://storybook.invalid/pending/' },
  parameters: { expect: { texts: ['Chargement de la liste des widgets…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** The widgets’ server answers with an error. */
export const ManifestError: Story = {
  args: { withManifest: false, server: 'https://storybook.invalid/unavailable/' },
  parameters: {
    expect: {
      texts: ['La liste des widgets n’a pas pu être chargée', 'Réessayer'],
      selectors: ['[part="retry"]'],
      noSelectors: ['input[name="widget"]'],
    },
  },
};

/** No network, and no copy of the list on the device. */
export const Offline: Story = {
  args: { withManifest: false, server: 'https://storybook.invalid/offline/' },
  parameters: { expect: { texts: ['Vous êtes hors ligne', 'Réessayer'], selectors: ['[data-state="offline"] [part="retry"]'] } },
};

export const English: Story = {
  args: { lang: 'en' },
  play: async ({ canvasElement }) => {
    await chooseMende(await chooseWidget(canvasElement, 'fs-site-card'));
  },
  parameters: {
    expect: {
      texts: ['1. Choose the widget', 'Your France services', 'Town chosen: Mende', 'Copy the code'],
      absent: ['Choisissez le widget'],
    },
  },
};
