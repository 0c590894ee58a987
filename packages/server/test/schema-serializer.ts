import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * Fastify's serializer of a response schema (fast-json-stringify), asked through a route of a
 * bare app: what a route returning `value` with this `response` schema would send.
 */
export async function schemaSerializer(schema: object): Promise<{ app: FastifyInstance; serialize(value: unknown): Promise<string> }> {
  const app = Fastify();
  let value: unknown;
  app.get('/', { schema: { response: { 200: schema } } }, async () => value);
  await app.ready();
  return {
    app,
    async serialize(next) {
      value = next;
      const res = await app.inject({ method: 'GET', url: '/' });
      assert.equal(res.statusCode, 200, res.body);
      return res.body;
    },
  };
}
