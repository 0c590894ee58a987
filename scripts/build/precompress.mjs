// Writes a Brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside each JavaScript
// file a build emits, once, at build time: the server sends them as they are
// (`@fastify/static`'s `preCompressed`), so no visitor waits for a compression and the best
// qualities cost nothing at run time. A copy that would not be smaller is not written.
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The copies of one file's bytes: `[extension, bytes]`, only those smaller than the file. */
export function precompressed(bytes) {
  const copies = [
    [
      '.br',
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    ],
    ['.gz', gzipSync(bytes, { level: 9 })],
  ];
  return copies.filter(([, copy]) => copy.length < bytes.length);
}

/** Rollup plugin: after the files are written, the compressed copies of each `.js` beside it. */
export function precompress() {
  return {
    name: 'fs-widgets-precompress',
    writeBundle(options, bundle) {
      const dir = options.dir ?? join(options.file, '..');
      for (const fileName of Object.keys(bundle)) {
        if (!fileName.endsWith('.js')) continue;
        const path = join(dir, fileName);
        for (const ext of ['.br', '.gz']) rmSync(path + ext, { force: true });
        for (const [ext, copy] of precompressed(readFileSync(path))) writeFileSync(path + ext, copy);
      }
    },
  };
}
