#!/usr/bin/env node
// Writes FILE.br (Brotli, quality 11) and FILE.gz (gzip, level 9) next to each FILE, so the web
// bundle can be served precompressed with the best encoding a browser accepts (scripts/serve.mjs and
// `ddb-sandbox serve` pick the variant from Accept-Encoding). The web build runs it after linking.
// Node's own zlib does both (no new dependency). A variant is written to a temporary name and
// renamed, so a server never sees half a file; variants newer than their file are kept.
//   node scripts/precompress.mjs build/web/app.wasm build/web/app.js ...
import fs from 'node:fs';
import zlib from 'node:zlib';

export const kVariants = [
  { suffix: '.br', encode: (data) => zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_GENERIC,
    },
  }) },
  { suffix: '.gz', encode: (data) => zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION }) },
];

// Compresses `file` into its variants; returns [{path, bytes}] of what is there afterwards.
export function precompress(file) {
  const stat = fs.statSync(file);
  let data = null;
  const out = [];
  for (const { suffix, encode } of kVariants) {
    const target = file + suffix;
    let fresh = false;
    try {
      fresh = fs.statSync(target).mtimeMs >= stat.mtimeMs;
    } catch {
      // Not there yet.
    }
    if (!fresh) {
      data ??= fs.readFileSync(file);
      const tmp = `${target}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, encode(data));
      fs.renameSync(tmp, target);
    }
    out.push({ path: target, bytes: fs.statSync(target).size });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node scripts/precompress.mjs FILE...');
    process.exit(2);
  }
  for (const file of files) {
    const size = fs.statSync(file).size;
    const parts = precompress(file).map((v) => `${v.path.slice(file.length)} ${v.bytes}`);
    console.log(`precompress: ${file} ${size} -> ${parts.join(', ')}`);
  }
}
