// Types of the WordPress test's preparation script (a plain Node script, scripts/test/prepare-wordpress.mjs).
declare module '*/scripts/test/prepare-wordpress.mjs' {
  export const CACHE: string;
  export const BOOKWORM_WORDPRESS: string;
  export const CURRENT_WORDPRESS: string;
  export const WPCS: string;
  export const SYSTEM_PACKAGES: string[];
  export const INSTALL_HINT: string;
  export function missingSystemPackages(): string[];
  export function ensureSystemPackages(): void;
  export function wordpressVersion(tree: string): string | null;
  export function ensureCurrentWordPress(): string;
  export function ensureCodingStandards(): string;
  export function wordpressTrees(): string[];
}
