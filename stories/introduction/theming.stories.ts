import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@fs-widgets/site-locator/site-card.js';
import type { ExpectedStory } from '../story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
/** Monday 30 November 2026, 10:00 in Paris: France services de Mende is open. */
const MONDAY_MORNING = new Date('2026-11-30T09:00:00Z');

/**
 * A town hall's own stylesheet, as its web agency would write it (the charter is made up): the
 * public tokens give every widget its colours, font and corners; one knob is the card's own; the
 * parts restyle a few pieces inside. Shown on the Theming page (stories/introduction/theming.mdx).
 */
export const TOWN_HALL_CSS = `/* The town hall's charter: its colours and its font. */
.town-hall {
  --charter-burgundy: #6b1e3a;
  --charter-paper: #f6efe6;
  --charter-ink: #2b2024;
  background: #fffdf9;
  color: var(--charter-ink);
  font-family: Georgia, 'DejaVu Serif', serif;
  max-width: 46rem;
  border: 1px solid #d9cbbb;
}
.town-hall-banner {
  background: var(--charter-burgundy);
  color: #ffffff;
  padding: 0.75rem 1.25rem;
  font-size: 1.25rem;
  letter-spacing: 0.04em;
}
.town-hall-content {
  padding: 0.5rem 1.25rem 1.5rem;
}

/* The widgets, with the same charter: tokens on any ancestor reach every widget inside. */
.town-hall {
  --fs-color-primary: var(--charter-burgundy);
  --fs-color-on-primary: #ffffff;
  --fs-color-text: var(--charter-ink);
  --fs-color-surface-alt: var(--charter-paper);
  --fs-font-family: Georgia, 'DejaVu Serif', serif;
  --fs-radius: 2px;
  /* A knob of this widget only: the card's top border, its links and today's row. */
  --fs-site-card-accent: #8a3412;
}

/* Parts: deep styling of named pieces of the card. */
.town-hall fs-site-card::part(base) {
  box-shadow: 0 2px 10px rgb(43 32 36 / 0.18);
}
.town-hall fs-site-card::part(name) {
  font-variant: small-caps;
  letter-spacing: 0.03em;
}
.town-hall fs-site-card::part(hours) {
  font-variant-numeric: tabular-nums;
}`;

const meta = {
  title: 'Introduction/Theming example',
  component: 'fs-site-card',
  // The stylesheet above is not a story.
  excludeStories: ['TOWN_HALL_CSS'],
  parameters: {
    docs: {
      description: {
        component:
          'A real `<fs-site-card>` (France services de Mende, from the catalogue’s fake API) on a town hall’s page, ' +
          'themed with the town hall’s own colours and font through the public tokens, a knob and parts. ' +
          'See the Theming page.',
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj & ExpectedStory;

/**
 * A town hall's page with its own charter (burgundy, warm paper, a serif font) and the card of its
 * France services in it, themed by the page's stylesheet alone: no attribute, no inline style.
 */
export const TownHallPage: Story = {
  name: 'Town hall page',
  render: () => {
    const style = document.createElement('style');
    style.textContent = TOWN_HALL_CSS;
    return html`${style}
      <div class="town-hall" lang="fr">
        <p class="town-hall-banner">Mairie de Mende</p>
        <div class="town-hall-content">
          <h2>Vos démarches administratives</h2>
          <p>
            Besoin d’aide pour une démarche en ligne, un dossier de retraite ou une carte grise&nbsp;? Les agents de la France services
            vous accompagnent, gratuitement.
          </p>
          <fs-site-card site-id="2983" api=${API} heading-level="3" .now=${MONDAY_MORNING}></fs-site-card>
        </div>
      </div>`;
  },
  parameters: {
    expect: {
      texts: ['Mairie de Mende', 'Vos démarches administratives', 'France services de Mende', 'Ouvert', 'ferme à'],
      selectors: ['.town-hall fs-site-card[heading-level="3"]', '[part="name"][role="heading"][aria-level="3"]'],
    },
  },
};
