/**
 * The one-script embed: `<script type="module" src="https://<server>/widgets/fs-widgets.js">`
 * registers every France services widget. Widgets without an `api` attribute talk to the
 * server this script was loaded from. The map (Leaflet) and the English strings are separate
 * chunks, fetched only when needed.
 */
import { setDefaultApiBase } from '@fs-widgets/core';
import '@fs-widgets/site-locator';
import '@fs-widgets/satisfaction';

setDefaultApiBase(new URL('../api/v1', import.meta.url).href);

export { FsSiteCard, FsCommuneSearch, FsSiteLocator } from '@fs-widgets/site-locator';
export { FsSatisfaction, FsSatisfactionResults } from '@fs-widgets/satisfaction';
