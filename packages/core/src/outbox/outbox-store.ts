import { widgetDatabase, type StoredOutboxEntry, type WidgetSchema } from '../storage/widget-database.js';
import type { IDBPDatabase } from 'idb';

/**
 * Where outbox entries live: the `outbox` store of the widgets' IndexedDB database. When
 * IndexedDB cannot be used at all (storage disabled) or a write fails, entries are kept in
 * memory for the life of the page instead — still sent, but not durable — and moved into
 * IndexedDB as soon as it works again.
 */
const memory = new Map<string, StoredOutboxEntry>();

async function usable(): Promise<IDBPDatabase<WidgetSchema> | undefined> {
  const db = await widgetDatabase();
  if (db && memory.size > 0) {
    try {
      const tx = db.transaction('outbox', 'readwrite');
      for (const entry of memory.values()) {
        if (!(await tx.store.getKey(entry.key))) await tx.store.put(entry);
      }
      await tx.done;
      memory.clear();
    } catch {
      /* still failing: keep them in memory */
    }
  }
  return db;
}

const byQueuedAt = (a: StoredOutboxEntry, b: StoredOutboxEntry) => a.queuedAt - b.queuedAt || (a.key < b.key ? -1 : 1);

export const outboxStore = {
  /** Stores `entry` unless an entry with its key is already there. False when kept in memory only. */
  async addIfAbsent(entry: StoredOutboxEntry): Promise<boolean> {
    const db = await usable();
    if (db) {
      try {
        const tx = db.transaction('outbox', 'readwrite');
        if (!(await tx.store.getKey(entry.key))) await tx.store.put(entry);
        await tx.done;
        return true;
      } catch {
        /* quota exceeded, connection lost: keep it in memory rather than lose it */
      }
    }
    if (!memory.has(entry.key)) memory.set(entry.key, entry);
    return false;
  },

  async put(entry: StoredOutboxEntry): Promise<void> {
    const db = await usable();
    if (db) {
      try {
        await db.put('outbox', entry);
        memory.delete(entry.key);
        return;
      } catch {
        /* fall back to memory */
      }
    }
    memory.set(entry.key, entry);
  },

  async get(key: string): Promise<StoredOutboxEntry | undefined> {
    const db = await usable();
    try {
      return memory.get(key) ?? (await db?.get('outbox', key));
    } catch {
      return undefined;
    }
  },

  async delete(key: string): Promise<void> {
    memory.delete(key);
    try {
      await (await usable())?.delete('outbox', key);
    } catch {
      /* left in place: sent again later, which the server's idempotency key makes harmless */
    }
  },

  /** Every entry (all bases, pending and rejected), oldest first. */
  async all(): Promise<StoredOutboxEntry[]> {
    const db = await usable();
    let stored: StoredOutboxEntry[] = [];
    try {
      stored = (await db?.getAllFromIndex('outbox', 'queuedAt')) ?? [];
    } catch {
      /* unreadable now: show what memory holds */
    }
    const merged = new Map(stored.map((e) => [e.key, e]));
    for (const entry of memory.values()) merged.set(entry.key, entry);
    return [...merged.values()].sort(byQueuedAt);
  },
};
