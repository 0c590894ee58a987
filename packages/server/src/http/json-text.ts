import type { FastifyReply } from 'fastify';

/** The media type of the JSON the API writes itself. */
export const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * Sends JSON a route wrote itself (from pieces written once, e.g. each site's JSON at catalogue
 * load), as a string or already in UTF-8: Fastify sends either of a JSON type as it is, without
 * the response schema's serializer. The route's `response` schema still documents the answer; a
 * test checks the bytes are exactly what that schema's serializer writes. Bytes kept from one
 * request to the next spare the encoding twice per request (for the ETag's hash, for the socket).
 */
export function sendJsonText(reply: FastifyReply, json: string | Buffer): FastifyReply {
  return reply.type(JSON_UTF8).send(json);
}
