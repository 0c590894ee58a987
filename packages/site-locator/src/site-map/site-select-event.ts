/** Detail of `fs-site-select`: a site was chosen on the map (or, later, in the locator). */
export interface FsSiteSelectDetail {
  /** The site's identifier in the ANCT list (`id_fs`). */
  siteId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-site-select': CustomEvent<FsSiteSelectDetail>;
  }
}
