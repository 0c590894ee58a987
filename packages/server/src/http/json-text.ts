import type { FastifyReply } from 'fastify';

/** The media type of the JSON the API writes itself. */
export const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * Sends JSON a route wrote itself (from pieces written once, e.g. each site's JSON at catalogue
 * load): Fastify sends a string of a JSON type as it is, without the response schema's
 * serializer. The route's `response` schema still documents the answer; a test checks the bytes
 * are exactly what that schema's serializer writes.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type(JSON_UTF8).send(json);
}
