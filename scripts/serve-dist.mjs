// A small static server for the built site on loopback, with brotli and
// gzip like a real web server, so load-time figures are realistic.
// Usage: node scripts/serve-dist.mjs [dir] [port]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};
const cache = new Map();

createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    // A malformed escape (a lone %) is the client's error, never the server's end.
    res.writeHead(400).end('bad request');
    return;
  }
  const file = resolve(join(root, path.endsWith('/') ? path + 'index.html' : path));
  // Inside the folder only: `..%2F` must not reach a sibling such as dist-single/.
  if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
  let body;
  try { body = await readFile(file); } catch { res.writeHead(404).end('not found'); return; }
  const type = types[extname(file)] ?? 'application/octet-stream';
  const accept = req.headers['accept-encoding'] ?? '';
  const headers = { 'content-type': type, 'cache-control': 'no-cache', vary: 'accept-encoding' };
  if (!type.startsWith('image/png')) {
    const enc = accept.includes('br') ? 'br' : accept.includes('gzip') ? 'gzip' : null;
    if (enc) {
      const key = `${enc}:${file}:${body.length}`;
      if (!cache.has(key)) {
        cache.set(key, enc === 'br'
          ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
          : gzipSync(body, { level: 9 }));
      }
      body = cache.get(key);
      headers['content-encoding'] = enc;
    }
  }
  res.writeHead(200, headers).end(body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
