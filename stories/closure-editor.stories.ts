import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { responseCache } from '@fs-widgets/core';
import type { FsClosureEditor, FsClosuresChangeDetail as SiteItemsChangeDetail } from '@fs-widgets/demarches/closure-editor.js';
import '@fs-widgets/demarches/closure-editor.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import {
  API,
  API_OFFLINE,
  API_PENDING,
  API_UNAVAILABLE,
  MONDAY_MORNING,
  commonArgTypes,
  noToken,
  notConfigured,
  recorded,
  refusedToken,
  withApi,
  withToken,
  shownIn,
} from './support/agent-tools.js';

/** Mende: its closures and exceptional hours as recorded after illustrative ones were published (`scripts/docs/story-fixtures.ts`). */
const SITE = '2983';

interface EditorArgs {
  'site-id'?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  now?: Date;
  /** Called with each `fs-closures-change` event (shown in the Actions panel). */
  onClosuresChange?: (event: CustomEvent<SiteItemsChangeDetail>) => void;
}

/** The editor of the story, once it shows `selector` in its shadow root. */
const shown = (canvas: HTMLElement, selector: string) => shownIn<FsClosureEditor>(canvas, 'fs-closure-editor', selector);

const meta = {
  title: 'Démarches/Closure editor',
  id: 'demarches-closure-editor',
  component: 'fs-closure-editor',
  tags: ['autodocs'],
  render: (args) => html`<fs-closure-editor
    site-id=${ifDefined(args['site-id'])}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    .now=${args.now}
    @fs-closures-change=${(e: CustomEvent<SiteItemsChangeDetail>) => args.onClosuresChange?.(e)}
  ></fs-closure-editor>`,
  args: {
    'site-id': SITE,
    api: API,
    'heading-level': 2,
    lang: 'fr',
    now: MONDAY_MORNING,
    onClosuresChange: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    now: { control: false },
    onClosuresChange: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The list is a real answer of the server, replayed by a fake API that exists only in this catalogue ' +
          '(`https://storybook.invalid`, see `.storybook/fake-api.ts`): France services de Mende (2983) after the fixtures ' +
          'script published ILLUSTRATIVE closures (24 December, congés) and exceptional hours (4–6 January, formation) through ' +
          'the real routes, on Monday 30 November 2026 (the stories’ frozen clock, `now`). The token stored on the device is a ' +
          'fake one set by each story’s loader. Saving is not faked: a write stays in the outbox, as offline.',
      },
    },
    catalogue: {
      required: [
        'not-configured',
        'no-token',
        'loading',
        'list',
        'empty',
        'server-error',
        'offline',
        'offline-with-saved-copy',
        'unauthorized',
        'forbidden',
        'new-closure',
        'field-errors',
        'english',
      ],
      screenshot: 'list',
      docsRows: ['site-id', 'heading-level', 'api', 'lang', 'fs-closures-change', 'item', 'pending', '--fs-demarches-accent'],
    },
  },
} satisfies Meta<EditorArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<EditorArgs> & ExpectedStory;

/** No `site-id`: says how to configure it. */
export const NotConfigured: Story = notConfigured({ texts: ['Éditeur non configuré', 'site-id'], noSelectors: ['input', 'button'] });

/** No token on this device for the site: the agents' shared sign-in. */
export const NoToken: Story = noToken('798', {
  texts: ['Jeton d’accès de l’agent', 'collez le jeton', 'Il commence par fsw_.'],
  selectors: ['input#token[type="password"]'],
  noSelectors: ['[part="list"]'],
});

/** The list arriving (a request that never answers). */
export const Loading: Story = withApi('1', API_PENDING, {
  texts: ['Fermetures et horaires exceptionnels', 'Chargement des fermetures et horaires exceptionnels…'],
  selectors: ['[aria-busy="true"]'],
  timeout: 8000,
});

/** Mende's closure on 24 December and its exceptional hours in January, in the public widgets' words. */
export const List: Story = {
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: [
        'Fermetures et horaires exceptionnels',
        'En cours et à venir',
        'Fermé exceptionnellement le 24 décembre (congés)',
        'Horaires exceptionnels du 4 janvier au 6 janvier : 9 h – 12 h (formation)',
        'Modifier',
        'Supprimer',
        'Ajouter une fermeture ou des horaires exceptionnels',
      ],
      selectors: ['[data-state="ready"]', '[part="list"] [part="item"]', 'button#add'],
      noSelectors: ['form'],
    },
  },
};

/** A site with nothing to come. */
export const Empty: Story = {
  args: { 'site-id': '3255' },
  loaders: [withToken('3255')],
  parameters: {
    expect: {
      texts: ['Aucune fermeture ni horaire exceptionnel à venir.'],
      selectors: ['[data-state="empty"]'],
      noSelectors: ['[part="item"]'],
    },
  },
};

/** The server answers 503. */
export const ServerError: Story = withApi('1', API_UNAVAILABLE, {
  texts: ['Liste indisponible pour le moment', 'Réessayer'],
  selectors: ['[data-state="error"]'],
});

/** No network and no copy on this device. */
export const Offline: Story = withApi('1', API_OFFLINE, {
  texts: ['Vous êtes hors ligne', 'pas encore enregistrée sur cet appareil'],
  selectors: ['[data-state="offline"]'],
});

/** No network, the list seen last kept on this device (put in the offline cache by the loader). */
export const OfflineWithSavedCopy: Story = {
  args: { api: API_OFFLINE },
  loaders: [
    withToken(SITE),
    async () => {
      await responseCache.put(`${API_OFFLINE}/sites/${SITE}/exceptions`, recorded('sites/2983/exceptions'));
      return {};
    },
  ],
  parameters: {
    expect: {
      texts: ['Vous êtes hors ligne : voici la liste enregistrée le', 'Fermé exceptionnellement le 24 décembre'],
      selectors: ['[data-state="stale"]'],
    },
  },
};

/** The server refuses the stored token (401). */
export const Unauthorized: Story = refusedToken('unauthorized', '561', {
  texts: ['Jeton refusé', 'Changer de jeton'],
  selectors: ['[data-state="unauthorized"] [role="alert"]'],
});

/** The stored token is another site's (403). */
export const Forbidden: Story = refusedToken('forbidden', '3', {
  texts: ['Jeton d’une autre France services', 'la France services n° 3'],
  selectors: ['[data-state="forbidden"] [role="alert"]'],
});

/** The form: closed or open at other hours, one day or several, the reason with its suggestions. */
export const NewClosure: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, '#add');
    found.click();
    const { el, found: range } = await shown(canvasElement, 'input[name="range"][value="range"]');
    range.click();
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="closed"][value="open"]')!.click();
  },
  parameters: {
    expect: {
      texts: [
        'Nouvelle fermeture ou nouveaux horaires',
        'Fermée toute la journée',
        'Ouverte avec d’autres horaires',
        'Plusieurs jours de suite',
        'Au (inclus)',
        'Horaires ces jours-là',
        'Raison, en quelques mots',
        'Congés, Formation, Fermeture exceptionnelle',
      ],
      selectors: [
        'form[part="form"] input#ce-starts-on[type="date"]',
        'input#ce-ends-on',
        'input#ce-opens[type="time"]',
        'datalist#ce-reasons option',
      ],
    },
  },
};

/** Sent empty, then with a range ending before it starts: each reason at its field. */
export const FieldErrors: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, '#add');
    found.click();
    const { el, found: range } = await shown(canvasElement, 'input[name="range"][value="range"]');
    range.click();
    await el.updateComplete;
    for (const [id, value] of [
      ['ce-starts-on', '2026-12-10'],
      ['ce-ends-on', '2026-12-08'],
    ] as const) {
      const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new InputEvent('input'));
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  },
  parameters: {
    expect: {
      texts: [
        'Le dernier jour doit être le même jour que le premier ou après.',
        'Indiquez la raison en quelques mots',
        'Le formulaire contient 2 erreurs',
      ],
      selectors: ['#ce-ends-on[aria-invalid="true"]', '#ce-reason-error'],
    },
  },
};

/** `lang="en"`. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: ['Exceptional closures and hours', 'Current and upcoming', 'Exceptionally closed on 24 December (congés)'],
      absent: ['Fermetures et horaires exceptionnels'],
    },
  },
};
