import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodedEtag, ifNoneMatchMatches } from './etag.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The compressed copies of cacheable answers, shared by every route (see {@link sendRepresentation}). */
    compressedCopies: CompressedCopies;
  }
}

/**
 * Compression of what the server sends, negotiated by `Accept-Encoding` (Brotli first, then
 * gzip), always with `Vary: accept-encoding`. Three paths, one policy:
 *
 * - **Built widgets** are compressed once at build time, Brotli at its best quality (11) and gzip
 *   level 9 (`scripts/build/precompress.mjs`), and `@fastify/static` sends the `.br`/`.gz` file
 *   beside each one (`preCompressed`).
 * - **Cacheable answers with an ETag** (the public API, the manifest) are compressed the first
 *   time their bytes are sent and kept, keyed by their ETag ({@link sendRepresentation}): the next
 *   visitors who get the same answer cost a map lookup, not a compression.
 * - **Everything else** (pages, private answers, errors above the threshold) goes through
 *   `@fastify/compress` per response, at Brotli quality 4 (its default, cheap) — never 11 per request.
 */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Below this many bytes a response goes as is: the headers would cost more than the saving. */
export const COMPRESS_THRESHOLD = 1024;

/** Brotli quality of answers compressed at run time and kept (1–11; 11 is for the build only). */
const RUNTIME_BROTLI_QUALITY = 5;
const RUNTIME_GZIP_LEVEL = 6;

/** The encoding to send for this request, or null for the bytes as they are. */
export function negotiateEncoding(request: FastifyRequest): Encoding | null {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string' || header === '') return null;
  // `x-gzip` is gzip's former name; `*` leaves the choice to us.
  return negotiate(header.toLowerCase().replace(/x-gzip/g, 'gzip'), [...ENCODINGS]);
}

/** Adds `accept-encoding` to the response's `Vary` (which CORS may already hold). */
export function varyOnEncoding(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  const values = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.includes('*') || values.some((v) => v.toLowerCase() === 'accept-encoding')) return;
  reply.header('vary', [...values, 'accept-encoding'].join(', '));
}

function compressBytes(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: RUNTIME_BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body, { level: RUNTIME_GZIP_LEVEL });
}

/**
 * The compressed copies kept, least recently used first out, bounded in bytes. Keys are the
 * ETag (a hash of the identity bytes) and the encoding: equal answers share their copy.
 */
export class CompressedCopies {
  private readonly copies = new Map<string, Buffer>();
  private bytes = 0;
  constructor(readonly maxBytes = 32 * 1024 * 1024) {}

  get size(): number {
    return this.copies.size;
  }

  get(etag: string, encoding: Encoding, body: string | Buffer): Buffer {
    const key = `${encoding}:${etag}`;
    const kept = this.copies.get(key);
    if (kept) {
      // Most recently used goes last.
      this.copies.delete(key);
      this.copies.set(key, kept);
      return kept;
    }
    const made = compressBytes(typeof body === 'string' ? Buffer.from(body) : body, encoding);
    if (made.length <= this.maxBytes / 8) {
      this.copies.set(key, made);
      this.bytes += made.length;
      for (const [oldKey, old] of this.copies) {
        if (this.bytes <= this.maxBytes) break;
        this.copies.delete(oldKey);
        this.bytes -= old.length;
      }
    }
    return made;
  }
}

/**
 * Answers a GET whose body is `body` and content ETag `etag`: `304 Not Modified` when the
 * client's copy is current, else the body, compressed if the request accepts it and it is worth
 * it (the copy kept in `copies`). Sets `Vary`, the representation's ETag and, compressed,
 * `Content-Encoding` and `Content-Length`. Returns what to send (null for a 304). Called from
 * the API's `onSend` hook and from routes that compute their own bytes (the manifest).
 */
export function sendRepresentation(
  copies: CompressedCopies,
  request: FastifyRequest,
  reply: FastifyReply,
  body: string | Buffer,
  etag: string,
): string | Buffer | null {
  varyOnEncoding(reply);
  const encoding = Buffer.byteLength(body) >= COMPRESS_THRESHOLD ? negotiateEncoding(request) : null;
  reply.header('etag', encodedEtag(etag, encoding));
  if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) {
    reply.code(304).removeHeader('content-type');
    return null;
  }
  if (!encoding) return body;
  const bytes = copies.get(etag, encoding, body);
  reply.header('content-encoding', encoding).header('content-length', bytes.length);
  return bytes;
}

/** `@fastify/compress` for the responses nothing else compressed (it leaves those that carry a `Content-Encoding`). */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  app.decorate('compressedCopies', new CompressedCopies());
  await app.register(compress, {
    global: true,
    encodings: [...ENCODINGS],
    threshold: COMPRESS_THRESHOLD,
    zlibOptions: { level: RUNTIME_GZIP_LEVEL },
  });
}
