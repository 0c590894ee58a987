import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FsCoverageMap } from '@fs-widgets/observatory/coverage-map.js';
import '@fs-widgets/observatory/coverage-map.js';
import { waitFor } from 'storybook/test';
import { REFUSED_TOKENS } from '../.storybook/fake-api.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import { API, API_OFFLINE, API_PENDING, API_UNAVAILABLE, commonArgTypes, withToken } from './support/agent-tools.js';

/** The observatory's views keep the observer's token under this name (the agents' shared sign-in). */
const OBSERVATORY = 'observatory';

interface CoverageMapArgs {
  departement?: string;
  carrier?: string;
  view?: 'map' | 'table';
  'fixed-only'?: boolean;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
}

const meta = {
  title: 'Observatory/Coverage map',
  component: 'fs-coverage-map',
  tags: ['autodocs'],
  render: (args) => html`<fs-coverage-map
    departement=${ifDefined(args.departement)}
    carrier=${ifDefined(args.carrier)}
    view=${ifDefined(args.view)}
    ?fixed-only=${args['fixed-only']}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
  ></fs-coverage-map>`,
  args: { departement: '48', view: 'table', api: API, 'heading-level': 2, lang: 'fr' },
  argTypes: {
    view: { control: 'inline-radio', options: ['map', 'table'] },
    ...commonArgTypes,
    'heading-level': { control: { type: 'number', min: 2, max: 5, step: 1 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The coverage of the Lozère (48): its communes by travel time to the nearest France services, its « zones blanches », the ' +
          'what-if tool. The answers are the real server’s, recorded by `scripts/docs/observatory-fixtures.ts` and replayed by the ' +
          'catalogue’s fake API; the one what-if recorded is a France services at Nasbinals (48104). The map has no base map: ' +
          'the départements’ outlines (ANCT, Licence Ouverte) are its background.',
      },
    },
    catalogue: {
      required: ['signed-out', 'loading', 'table', 'map', 'what-if', 'server-error', 'offline', 'forbidden', 'english'],
      screenshot: 'map',
      docsRows: [
        'departement',
        'carrier',
        'view',
        'fixed-only',
        'heading-level',
        'api',
        'lang',
        'map',
        'what-if',
        '--fs-coverage-map-height',
      ],
    },
  },
} satisfies Meta<CoverageMapArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<CoverageMapArgs> & ExpectedStory;

/** No token on this device: the shared sign-in. */
export const SignedOut: Story = {
  loaders: [withToken(OBSERVATORY, '')],
  parameters: {
    expect: {
      texts: ['Carte de l’accès aux France services', 'Collez le jeton d’observation'],
      selectors: ['input#token[type="password"]'],
    },
  },
};

/** The communes' coverage on its way. */
export const Loading: Story = {
  args: { api: API_PENDING },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: { texts: ['Chargement des chiffres du périmètre…'], selectors: ['[data-state="loading"][aria-busy="true"]'], timeout: 8000 },
  },
};

/** The table view (no map code loaded): the Lozère's communes by travel time, the shares within 10 to 45 minutes. */
export const Table: Story = {
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: {
      texts: [
        'Carte de l’accès aux France services — Lozère (48)',
        'Population à moins de…',
        'Communes du périmètre par temps de trajet',
        'Mende (48095)',
      ],
      selectors: ['table[data-table="communes"] th[scope="row"]', 'button[data-view="table"][aria-pressed="true"]'],
      noSelectors: ['.leaflet-container'],
    },
  },
};

/** The map view: communes by band, white zones ringed, sites and stops, the département shaded; the what-if form below. */
export const Map: Story = {
  args: { view: 'map' },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: {
      texts: ['Temps de trajet jusqu’à la France services la plus proche', 'ANCT — contours des départements', 'Et si ?'],
      selectors: ['.map.leaflet-container', '.legend .swatch[data-band="30-45"]'],
    },
  },
};

/** What if: a France services at Nasbinals, one of the Lozère's white zones (entered with the form, as with the keyboard). */
export const WhatIf: Story = {
  loaders: [withToken(OBSERVATORY)],
  play: async ({ canvasElement }) => {
    const el = await waitFor(
      () => {
        const found = canvasElement.querySelector<FsCoverageMap>('fs-coverage-map');
        if (!found?.shadowRoot?.querySelector('#what-if-commune')) throw new Error('no what-if form yet');
        return found;
      },
      { timeout: 10_000 },
    );
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#what-if-commune')!;
    input.value = 'Nasbinals (48104)';
    input.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.what-if button[type="submit"]')!.click();
  },
  parameters: {
    expect: {
      texts: ['France services ajoutée : Nasbinals (48104)', 'habitants à moins de 30 min', 'Communes qui changent', 'gagne l’accès'],
      selectors: ['[data-result]', 'table[data-table="what-if"]'],
    },
  },
};

export const ServerError: Story = {
  args: { api: API_UNAVAILABLE },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: { texts: ['Les chiffres ne peuvent pas être affichés pour le moment', 'Réessayer'], selectors: ['[data-state="error"]'] },
  },
};

export const Offline: Story = {
  args: { api: API_OFFLINE },
  loaders: [withToken(OBSERVATORY)],
  parameters: { expect: { texts: ['Vous êtes hors ligne', 'Réessayer'], selectors: ['[data-state="offline"]'] } },
};

/** A département's token asking for another département. */
export const Forbidden: Story = {
  loaders: [withToken(OBSERVATORY, REFUSED_TOKENS.forbidden)],
  parameters: { expect: { texts: ['Périmètre non autorisé', 'Changer de jeton'], selectors: ['[data-state="forbidden"]'] } },
};

export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: {
      texts: ['Map of access to France services — Lozère (48)', 'Population within…', 'What if? Simulate adding or removing a place'],
      selectors: ['table[data-table="communes"]'],
    },
  },
};
