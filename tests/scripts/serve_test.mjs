// scripts/serve.mjs and scripts/precompress.mjs (issue 18): the web bundle is precompressed at build
// time and served in the encoding the browser accepts best, with revalidation headers; only the
// bundle's files are served, and a stale variant never is.
//   node --test tests/scripts/serve_test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import zlib from 'node:zlib';

import { precompress } from '../../scripts/precompress.mjs';
import { chooseEncoding, startServer } from '../../scripts/serve.mjs';

// One raw GET (node's fetch would negotiate and decode by itself): {status, headers, body}.
function get(url, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function bundle() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-serve-'));
  const wasm = Buffer.alloc(200000);
  for (let i = 0; i < wasm.length; i++) wasm[i] = (i * 7) % 251 < 40 ? i % 13 : 0;
  fs.writeFileSync(path.join(dir, 'app.wasm'), wasm);
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'app.js'), '// app\n'.repeat(500));
  fs.writeFileSync(path.join(dir, 'CMakeCache.txt'), 'SECRET');
  return { dir, wasm };
}

test('chooseEncoding: highest q, ties to the smaller encoding, * for the rest', () => {
  const both = ['br', 'gzip'];
  assert.equal(chooseEncoding('gzip, deflate, br, zstd', both), 'br');
  assert.equal(chooseEncoding('gzip, deflate', both), 'gzip');
  assert.equal(chooseEncoding('', both), '');
  assert.equal(chooseEncoding(undefined, both), '');
  assert.equal(chooseEncoding('br;q=0, gzip', both), 'gzip');
  assert.equal(chooseEncoding('gzip;q=0.9, br;q=0.5', both), 'gzip');
  assert.equal(chooseEncoding('*', both), 'br');
  assert.equal(chooseEncoding('*;q=0', both), '');
  assert.equal(chooseEncoding('identity;q=0.5, gzip', both), 'gzip');
  assert.equal(chooseEncoding('gzip;q=0.5, identity', both), '');
  assert.equal(chooseEncoding('BR', both), 'br');
  assert.equal(chooseEncoding('br', ['gzip']), '');
});

test('precompress writes .br and .gz that decode to the file, and keeps fresh ones', () => {
  const { dir, wasm } = bundle();
  const file = path.join(dir, 'app.wasm');
  const out = precompress(file);
  assert.deepEqual(out.map((v) => path.basename(v.path)), ['app.wasm.br', 'app.wasm.gz']);
  assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)), wasm);
  assert.deepEqual(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)), wasm);
  assert.ok(out[0].bytes < out[1].bytes && out[1].bytes < wasm.length, 'br < gzip < raw');
  const before = fs.statSync(`${file}.br`).mtimeMs;
  precompress(file);
  assert.equal(fs.statSync(`${file}.br`).mtimeMs, before, 'an up-to-date variant is not rewritten');
  fs.rmSync(dir, { recursive: true });
});

test('serve.mjs sends the variant the browser accepts, with revalidation, never a stale one', async () => {
  const { dir, wasm } = bundle();
  for (const name of ['app.wasm', 'app.js', 'index.html']) precompress(path.join(dir, name));
  const { server, url } = await startServer({ dir, port: 0 });
  try {
    let r = await get(`${url}app.wasm`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'br');
    assert.equal(r.headers['content-type'], 'application/wasm');
    assert.equal(r.headers.vary, 'Accept-Encoding');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.deepEqual(zlib.brotliDecompressSync(r.body), wasm);
    const tag = r.headers.etag;

    r = await get(`${url}app.wasm`, { 'accept-encoding': 'gzip' });
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(r.body), wasm);
    assert.notEqual(r.headers.etag, tag);

    r = await get(`${url}app.wasm`);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.deepEqual(r.body, wasm);

    r = await get(`${url}app.wasm`, { 'accept-encoding': 'br' }, 'HEAD');
    assert.equal(Number(r.headers['content-length']), fs.statSync(path.join(dir, 'app.wasm.br')).size);

    r = await get(`${url}app.wasm`, { 'accept-encoding': 'br', 'if-none-match': tag });
    assert.equal(r.status, 304);
    assert.equal(r.body.length, 0);

    r = await get(url, { 'accept-encoding': 'br' });
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(zlib.brotliDecompressSync(r.body).toString(), '<!doctype html><title>t</title>');

    // A rebuilt file with variants not yet rewritten: sent as is.
    const later = new Date(Date.now() + 60000);
    fs.utimesSync(path.join(dir, 'app.wasm'), later, later);
    r = await get(`${url}app.wasm`, { 'accept-encoding': 'br, gzip' });
    assert.equal(r.headers['content-encoding'], undefined);
    assert.deepEqual(r.body, wasm);

    assert.equal((await get(`${url}CMakeCache.txt`, { 'accept-encoding': 'br' })).status, 404);
    assert.equal((await get(`${url}app.wasm.br`)).status, 404, 'variants are not files of their own');
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true });
  }
});
