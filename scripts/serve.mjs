#!/usr/bin/env node
// A tiny static file server for the web build (no dependencies). Used by scripts/run.sh and by
// tests/ui/browser_smoke.mjs. Serves with the MIME types the browser needs (application/wasm for
// streaming compilation) and no caching, so a rebuild shows up on reload. Only the app's own files
// are served (the allow-list of `ddb-sandbox serve`, server/web_bundle.h): build/web is also the
// web preset's build tree (CMakeCache.txt, build.ninja, ...), and a symlink cannot lead out of it.
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

// Starts serving `dir`; resolves to {server, url, port} once listening. port 0 picks a free port.
export function startServer({ dir, port = 8080, host = '127.0.0.1', quiet = true } = {}) {
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
        res.writeHead(200, {
          'Content-Type': kTypes[path.extname(name)] || 'application/octet-stream',
          'Content-Length': stat.size,
          'Cache-Control': 'no-store',
        });
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        fs.createReadStream(file).pipe(res);
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
