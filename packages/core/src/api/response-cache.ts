import { widgetDatabase as database } from '../storage/widget-database.js';

/** Enough for every page a person visits; the oldest go first. */
const MAX_ENTRIES = 300;

export interface CachedResponse<T> {
  body: T;
  storedAt: Date;
}

/**
 * The offline copy of GET responses, keyed by full URL, in IndexedDB. A widget shown once keeps
 * working offline. Failures to read or write are swallowed: the cache is an aid, never a
 * reason for a widget to break.
 */
export const responseCache = {
  async get<T>(url: string): Promise<CachedResponse<T> | undefined> {
    try {
      const entry = await (await database())?.get('responses', url);
      return entry ? { body: entry.body as T, storedAt: new Date(entry.storedAt) } : undefined;
    } catch {
      return undefined;
    }
  },

  async put(url: string, body: unknown): Promise<void> {
    try {
      const db = await database();
      if (!db) return;
      await db.put('responses', { url, body, storedAt: Date.now() });
      const count = await db.count('responses');
      if (count > MAX_ENTRIES) {
        const tx = db.transaction('responses', 'readwrite');
        let cursor = await tx.store.index('storedAt').openCursor();
        for (let excess = count - MAX_ENTRIES; cursor && excess > 0; excess--) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
        await tx.done;
      }
    } catch {
      /* quota exceeded or storage disabled: keep going without a cache */
    }
  },

  async clear(): Promise<void> {
    try {
      await (await database())?.clear('responses');
    } catch {
      /* nothing to clear */
    }
  },
};
