import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { FsPlaceSelectDetail } from '@fs-widgets/site-locator/commune-search.js';
import '@fs-widgets/site-locator/commune-search.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';

interface CommuneSearchArgs {
  api?: string;
  lang?: 'fr' | 'en';
  /** Documented, not set (see argTypes). */
  geocoder?: string;
  /** Called with each `fs-place-select` event (shown in the Actions panel). */
  onPlaceSelect?: (event: CustomEvent<FsPlaceSelectDetail>) => void;
}

/**
 * Types `text` in the search box as a person would (one `input` event), from a story's play
 * function. The answer comes from the recorded prefixes of "mende", "nant" and "48000".
 */
async function typeInSearch(canvas: HTMLElement, text: string): Promise<void> {
  const input = canvas.querySelector('fs-commune-search')?.shadowRoot?.querySelector('input');
  if (!input) throw new Error('<fs-commune-search> has not rendered yet');
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

const meta = {
  title: 'Site locator/Commune search',
  component: 'fs-commune-search',
  tags: ['autodocs'],
  render: (args) => html`<fs-commune-search
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-place-select=${(e: CustomEvent<FsPlaceSelectDetail>) => args.onPlaceSelect?.(e)}
  ></fs-commune-search>`,
  args: { api: API, lang: 'fr', onPlaceSelect: fn() },
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    geocoder: { control: false, description: 'Base URL of a BAN-compatible geocoder (not in this catalogue: it has no network).' },
    onPlaceSelect: { table: { disable: true } },
  },
  parameters: {
    // Room for the list of suggestions under the field.
    docs: {
      story: { height: '26rem' },
      description: {
        component:
          'Data: answers of the real server (the communes of the COG with the La Poste postcodes), recorded by ' +
          '`scripts/docs/story-fixtures.ts` for every prefix of "mende", "nant" and "48000", and replayed by a fake API that exists ' +
          'only in this catalogue (see `.storybook/fake-api.ts`). Other words get the error state. The chosen place is logged ' +
          'in the Actions panel (`fs-place-select`).',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['default', 'english', 'unavailable'],
      docsRows: ['value', 'commune', 'geocoder', 'api', 'fs-place-select', 'input', 'listbox', 'option', '--fs-commune-search-accent'],
    },
  },
} satisfies Meta<CommuneSearchArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<CommuneSearchArgs> & ExpectedStory;

/** The empty field with its label and hint. Type "mende", "nant" or "48000" to see suggestions. */
export const Default: Story = {
  parameters: {
    expect: { texts: ['Commune ou code postal', 'Tapez au moins 2 lettres'], selectors: ['input[role="combobox"][aria-expanded="false"]'] },
  },
};

/** "nant" typed (by the play function): eight communes, announced to screen readers; choose with the arrows and Enter. */
export const Suggestions: Story = {
  play: async ({ canvasElement }) => typeInSearch(canvasElement, 'nant'),
  parameters: { expect: { texts: ['8 suggestions', 'Nantes', 'Nanteuil'], selectors: ['input[aria-expanded="true"]', '[role="option"]'] } },
};

/** A postcode typed: "48000", the communes it serves (Mende first). */
export const Postcode: Story = {
  play: async ({ canvasElement }) => typeInSearch(canvasElement, '48000'),
  parameters: { expect: { texts: ['8 suggestions', 'Mende', '48000'], selectors: ['input[aria-expanded="true"]'] } },
};

/** `lang="en"`, with "mende" typed: Mende first (then a name one typo away), the suggestions announced in English. */
export const English: Story = {
  args: { lang: 'en' },
  play: async ({ canvasElement }) => typeInSearch(canvasElement, 'mende'),
  parameters: {
    // "arrow": "Press down arrow to choose it" or "Use up and down arrows to choose", by the number of suggestions.
    expect: { texts: ['Town or postcode', 'arrow', 'Mende'], selectors: ['#commune-48095'] },
  },
};

/**
 * The server answers 503 (after the client's two retries) to "mende": the field stays usable
 * and a message says the search is not answering.
 */
export const Unavailable: Story = {
  args: { api: API_UNAVAILABLE },
  play: async ({ canvasElement }) => typeInSearch(canvasElement, 'mende'),
  parameters: { expect: { texts: ['La recherche de communes ne répond pas'], selectors: ['input[aria-expanded="false"]'] } },
};
