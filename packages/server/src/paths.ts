import { fileURLToPath } from 'node:url';

/**
 * Folders the server reads from, resolved from this module so the same code works from `src/`
 * (tests, tsx) and from `dist/` (built server): both sit one level below the package root.
 */
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

export const DATA_DIR = `${packageRoot}data/`;
export const PUBLIC_DIR = `${packageRoot}public/`;
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
