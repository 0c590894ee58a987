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

/**
 * The token-protected tables the agents' and observers' widgets read and download (statistics,
 * observatory, coverage): GET with the token, and `Content-Disposition` readable too, so a widget
 * on another origin that fetched a CSV or workbook with its token saves it under the server's name.
 */
export const TABLE_READ_CORS = {
  ...AGENT_WRITE_CORS,
  methods: ['GET', 'OPTIONS'],
  exposedHeaders: [...AGENT_WRITE_CORS.exposedHeaders, 'content-disposition'],
};
