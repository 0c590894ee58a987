/**
 * The agents' widgets are embedded in the sites' intranets, any origin: their writes send a
 * token (`Authorization`) and JSON. The preflight allows both, is cached a day, and
 * `Retry-After` is readable. No cookies are involved (`credentials` stays off), so `*` is safe.
 */
export const AGENT_WRITE_CORS = {
  origin: '*',
  methods: ['POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['authorization', 'content-type'],
  exposedHeaders: ['retry-after'],
  maxAge: 86_400,
};
