// No import here on purpose: the embed's loader sets the base without pulling the HTTP client.

let pageDefaultBase: string | undefined;

/**
 * Sets the API base used by widgets without an `api` attribute. The embed bundle calls it with
 * the server it was loaded from, so `<script src="https://x/widgets/fs-widgets.js">` is all a
 * page needs. A `<meta name="fs-widgets-api" content="…">` in the page wins over both.
 */
export function setDefaultApiBase(base: string): void {
  pageDefaultBase = base;
}

export function defaultApiBase(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="fs-widgets-api"]')?.content;
  return meta || pageDefaultBase || '/api/v1';
}
