import { html } from 'lit';
import type { Site } from '@fs-widgets/contract';

/**
 * The site's card (address, the week's hours with holidays, open now), fetched the first time a
 * case is shown: the card weighs as much as the rest of the widget.
 */
export function siteCard(site: Site, level: number) {
  if (!customElements.get('fs-site-card')) void import('@fs-widgets/site-locator/site-card.js');
  // The card keeps its heading level within 2 to 6 itself.
  return html`<fs-site-card class="site-card" .site=${site} heading-level=${level}></fs-site-card>`;
}
