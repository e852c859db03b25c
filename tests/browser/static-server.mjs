// A minimal static HTTP server on 127.0.0.1 for test pages: serves `root` and maps /node_modules/ to tests/node_modules
// (so a page can load e.g. /node_modules/connectycube/dist/connectycube.min.js). Loopback only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const testsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
                '.wav': 'audio/wav', '.css': 'text/css', '.map': 'application/json' };

/** Starts serving; returns { url, close() }. `routes` may map exact paths to (req, res) handlers. */
export async function serve(root, routes = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    const base = url.pathname.startsWith('/node_modules/') ? testsDir : root;
    const file = path.normalize(path.join(base, decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.resolve(base))) { res.writeHead(403); return res.end(); }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end('not found'); }
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    });
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise(r => server.close(r)) };
}
