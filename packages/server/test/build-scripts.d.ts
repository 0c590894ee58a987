// Types of the build script the compression test uses (a plain Node module).

declare module '*/scripts/build/precompress.mjs' {
  /** The `.br` and `.gz` copies of a file's bytes that are smaller than it: `[extension, bytes]`. */
  export function precompressed(bytes: Buffer): Array<['.br' | '.gz', Buffer]>;
}
