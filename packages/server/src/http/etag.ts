import { createHash } from 'node:crypto';

/**
 * A strong entity tag for a response body: the hash of its bytes, so the same answer gets the
 * same tag from any instance of the server, and any change of a byte changes it.
 */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

const ENTITY_TAG = /(?:W\/)?"[^"]*"/g;

/** Encodings a representation's tag may name (see http/compression.ts). */
type Encoding = 'br' | 'gzip';

/**
 * The representation's ETag for an encoding: the content's tag, suffixed for a compressed
 * body (a strong tag names one representation: `"…-br"` and `"…-gzip"` differ from `"…"`).
 */
export function encodedEtag(etag: string, encoding: Encoding | null): string {
  return encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag;
}

/** The content's ETag inside a representation's tag (what {@link encodedEtag} added, removed). */
export function contentEtag(tag: string): string {
  return tag.replace(/-(?:br|gzip)"$/, '"');
}

/**
 * Whether an `If-None-Match` header matches a tag (RFC 9110 §13.1.2): `*`, or a list holding
 * the tag, compared weakly (a `W/` prefix is ignored) and whatever the content coding it names:
 * the client's copy, decoded, is the same content.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => contentEtag(tag.replace(/^W\//, ''));
  return (header.match(ENTITY_TAG) ?? []).some((tag) => opaque(tag) === opaque(etag));
}
