import { ApiError } from './api-error.js';
import type { ApiClient, SearchParams } from './api-client.js';

export type TableFormat = 'csv' | 'xlsx';

/** `attachment; filename="conformite-48.csv"` → `conformite-48.csv`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return /^[\w.-]+$/.test(name) ? name : fallback;
}

/**
 * Downloads a table of the API as a file (`format=csv|xlsx`). The token travels in the
 * `Authorization` header, which a plain link cannot send (and a token in a URL would end in the
 * browser's history and the servers' logs): the file is fetched, then saved from a blob URL.
 * Resolves with the file's name.
 */
export async function downloadTable(
  client: ApiClient,
  path: string,
  searchParams: SearchParams,
  headers: Record<string, string>,
  format: TableFormat,
  fallbackName: string,
): Promise<string> {
  const url = client.url(path, { ...searchParams, format });
  let response: Response;
  try {
    response = await fetch(url, { headers, cache: 'no-store' });
  } catch (err) {
    throw new ApiError('offline', String(err));
  }
  if (!response.ok) throw new ApiError(response.status >= 500 ? 'server' : 'invalid', `HTTP ${response.status}`, response.status);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), `${fallbackName}.${format}`);
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download: the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
