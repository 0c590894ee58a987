/**
 * How long browsers and CDNs keep what a site's agents can change (its hours, closures, offers,
 * stops): 60 seconds, then they ask again (a 304 with the ETag when nothing changed). No
 * `stale-while-revalidate`: a copy older than a minute is never shown, so a closure published on
 * a site's intranet shows in any other browser within 60 s on the node that took it (other
 * nodes reload their catalogue within `FS_CATALOGUE_REFRESH_SECONDS`, 30 s by default, so at
 * most 90 s with several nodes). docs/api.md states it.
 */
export const SITE_DATA_MAX_AGE_SECONDS = 60;
export const SITE_DATA_CACHE = `public, max-age=${SITE_DATA_MAX_AGE_SECONDS}`;
