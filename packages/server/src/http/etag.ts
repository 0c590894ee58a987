import { createHash } from 'node:crypto';

/**
 * A strong entity tag for a response body: the hash of its bytes, so the same answer gets the
 * same tag from any instance of the server, and any change of a byte changes it.
 */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

const ENTITY_TAG = /(?:W\/)?"[^"]*"/g;

/**
 * Whether an `If-None-Match` header matches a tag (RFC 9110 §13.1.2): `*`, or a list holding
 * the tag, compared weakly (a `W/` prefix is ignored).
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.replace(/^W\//, '');
  return (header.match(ENTITY_TAG) ?? []).some((tag) => opaque(tag) === opaque(etag));
}
