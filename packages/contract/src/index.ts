/**
 * The API contract of France services widgets: every request and response shape, defined once.
 * The server validates and documents with these schemas; clients import the types only
 * (`import type`), so no schema code reaches the widgets' bundles.
 */
export * from './problem.js';
export * from './opening-hours.js';
export * from './site.js';
export * from './commune.js';
export * from './meta.js';
export * from './feedback.js';
export * from './demarches.js';
export * from './directory.js';
export * from './exports.js';
export * from './key-figures.js';
export * from './site-admin.js';
export * from './observatory-scope.js';
export * from './coverage.js';
export * from './observatory.js';
export * from './appointments.js';
export * from './agenda.js';

export const API_VERSION = 'v1' as const;
export const API_PREFIX = '/api/v1';
