#!/usr/bin/env node
// A tiny static file server for the web build (no dependencies). Used by scripts/run.sh, the browser
// tests and the page-load bench. Serves with the MIME types the browser needs (application/wasm for
// streaming compilation), precompressed when it can: the web build writes FILE.br and FILE.gz next to
// each bundle file (scripts/precompress.mjs), and the variant the browser accepts best is sent with
// Content-Encoding and Vary: Accept-Encoding (a variant older than its file is never used). Caching:
// the names carry no hash, so every load revalidates (Cache-Control: no-cache) and an unchanged file
// answers 304 to its ETag: a rebuild shows up on reload, an unchanged bundle costs no transfer.
// Only the app's own files are served (the allow-list of `ddb-sandbox serve`, server/web_bundle.h):
// build/web is also the web preset's build tree (CMakeCache.txt, build.ninja, ...), and a symlink
// cannot lead out of it.
//   node scripts/serve.mjs [--dir build/web] [--port 8080] [--host 127.0.0.1]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kBundleFiles = new Set(['index.html', 'app.js', 'app.wasm', 'app.data']);
const kTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.ttf': 'font/ttf', '.ico': 'image/x-icon',
};

// The Content-Encoding to send for an Accept-Encoding header, among `available` ("br", "gzip"; the
// variants on disk): the highest q wins, ties go to the smaller encoding (br, then gzip, then as is);
// "*" stands for every coding not named; as is (identity) when no variant is acceptable or identity
// is named with a higher q. An empty string means as is (also when nothing is acceptable: no 406).
export function chooseEncoding(acceptEncoding, available) {
  const q = new Map();
  for (const element of String(acceptEncoding || '').split(',')) {
    const [coding, ...params] = element.split(';').map((x) => x.trim());
    if (!coding) continue;
    let quality = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(p);
      if (m) quality = Math.min(1, Number(m[1]));
    }
    if (!Number.isNaN(quality)) q.set(coding.toLowerCase(), Math.max(q.get(coding.toLowerCase()) ?? 0, quality));
  }
  const qualityOf = (coding) => (q.has(coding) ? q.get(coding) : q.has('*') ? q.get('*') : 0);
  let best = '';
  let bestQ = q.has('identity') ? q.get('identity') : 0;
  for (const coding of ['gzip', 'br']) {  // later wins ties: br over gzip over identity
    if (!available.includes(coding)) continue;
    const cq = qualityOf(coding);
    if (cq > 0 && cq >= bestQ) {
      best = coding;
      bestQ = cq;
    }
  }
  return best;
}

const kSuffix = { br: '.br', gzip: '.gz' };

// Starts serving `dir`; resolves to {server, url, port} once listening. port 0 picks a free port.
// precompressed: false ignores the .br/.gz variants (the page-load bench's "as is" runs).
export function startServer({ dir, port = 8080, host = '127.0.0.1', quiet = true, precompressed = true } = {}) {
  let root = path.resolve(dir);
  try {
    root = fs.realpathSync(root);
  } catch {
    // A missing folder: every request is then 404.
  }
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const name = pathname === '/' ? 'index.html' : pathname.slice(1);
    const notFound = () => {
      if (!quiet) console.log(`404 ${req.method} ${req.url}`);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    };
    if (!kBundleFiles.has(name)) {
      notFound();
      return;
    }
    // The real path (symlinks resolved) must stay inside the folder.
    fs.realpath(path.join(root, name), (realErr, file) => {
      if (realErr || !file.startsWith(root + path.sep)) {
        notFound();
        return;
      }
      fs.stat(file, (err, stat) => {
        if (err || !stat.isFile()) {
          notFound();
          return;
        }
        // The precompressed variants that are there and not older than the file.
        const available = [];
        const variants = {};
        for (const [coding, suffix] of Object.entries(precompressed ? kSuffix : {})) {
          try {
            const v = fs.statSync(file + suffix);
            if (v.isFile() && v.mtimeMs >= stat.mtimeMs) {
              available.push(coding);
              variants[coding] = v;
            }
          } catch {
            // No such variant.
          }
        }
        const encoding = chooseEncoding(req.headers['accept-encoding'], available);
        const served = encoding ? variants[encoding] : stat;
        const etag = `"${Math.trunc(stat.mtimeMs).toString(16)}-${stat.size.toString(16)}${encoding ? `-${encoding}` : ''}"`;
        const headers = {
          'Content-Type': kTypes[path.extname(name)] || 'application/octet-stream',
          'Cache-Control': 'no-cache',
          ETag: etag,
          Vary: 'Accept-Encoding',
        };
        const inm = req.headers['if-none-match'];
        if (inm && inm.split(',').map((t) => t.trim()).some((t) => t === etag || t === '*')) {
          res.writeHead(304, headers).end();
          return;
        }
        if (encoding) headers['Content-Encoding'] = encoding;
        headers['Content-Length'] = served.size;
        res.writeHead(200, headers);
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        fs.createReadStream(file + (encoding ? kSuffix[encoding] : '')).pipe(res);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({ server, port: actual, url: `http://${host}:${actual}/` });
    });
  });
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args = { dir: path.join(here, '..', 'build', 'web'), port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (key === '--dir') args.dir = value();
    else if (key === '--port') args.port = Number(value());
    else if (key === '--host') args.host = value();
    else if (key === '--help' || key === '-h') {
      console.log('usage: node scripts/serve.mjs [--dir DIR] [--port PORT] [--host HOST]');
      process.exit(0);
    } else {
      console.error(`unknown option: ${argv[i]}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    console.error(`invalid port: ${args.port}`);
    process.exit(2);
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(args.dir, 'index.html'))) {
    console.error(`${args.dir}/index.html not found: build the web preset first (cmake --build --preset web)`);
    process.exit(1);
  }
  startServer({ ...args, quiet: false }).then(({ url }) => {
    console.log(`DynamoDB Sandbox is served at ${url}  (Ctrl+C to stop)`);
  }, (err) => {
    console.error(`cannot listen on ${args.host}:${args.port}: ${err.message}`);
    process.exit(1);
  });
}
