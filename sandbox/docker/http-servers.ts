/**
 * The modelled servers' answers: nginx and httpd serve files from the container's own filesystem
 * (so a page changed inside the container is the page you get) and log each request as they do.
 */
import { base64, sha1Bytes } from '../core/sha1';
import type { IFileSystem } from 'just-bash';
import { httpDate, type HttpRequest, type HttpResponse } from '../net/http';

const STATUS_PAGE = (status: number, reason: string, server: string) =>
  `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;

function bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

async function readFileUnder(fs: IFileSystem, root: string, path: string, index: string[]): Promise<{ body: string; mtime: Date } | null> {
  const clean = decodeURIComponent(path.split('?')[0]).replace(/\/+/g, '/');
  if (clean.split('/').includes('..')) return null;
  const candidates = clean.endsWith('/') ? index.map((name) => `${root}${clean}${name}`) : [`${root}${clean}`];
  for (const candidate of candidates) {
    try {
      const stat = await fs.stat(candidate);
      if (stat.isDirectory) continue;
      return { body: await fs.readFile(candidate), mtime: stat.mtime };
    } catch {
      // try the next candidate
    }
  }
  return null;
}

export interface Served {
  response: HttpResponse;
  /** The server's access-log line for this request (Node and Express log nothing by default). */
  log: { stream: 'stdout' | 'stderr'; text: string } | null;
}

function accessTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function userAgent(request: HttpRequest): string {
  return request.headers.find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? '-';
}

export async function serveNginx(fs: IFileSystem, request: HttpRequest, now: number): Promise<Served> {
  const server = 'nginx/1.27.2';
  const file = await readFileUnder(fs, '/usr/share/nginx/html', request.path, ['index.html', 'index.htm']);
  const [status, reason, body] = file ? [200, 'OK', file.body] : [404, 'Not Found', STATUS_PAGE(404, 'Not Found', server)];
  const headers: [string, string][] = [
    ['Server', server],
    ['Date', httpDate(now)],
    ['Content-Type', 'text/html'],
    ['Content-Length', String(bytes(body))],
  ];
  if (file) {
    headers.push(['Last-Modified', httpDate(file.mtime.getTime())], ['Connection', 'keep-alive'], ['ETag', `"${Math.floor(file.mtime.getTime() / 1000).toString(16)}-${bytes(body).toString(16)}"`], ['Accept-Ranges', 'bytes']);
  } else headers.push(['Connection', 'keep-alive']);
  const sent = request.method === 'HEAD' ? 0 : bytes(body);
  return {
    response: { status, reason, headers, body: request.method === 'HEAD' ? '' : body },
    log: { stream: 'stdout', text: `${request.clientAddress} - - [${accessTime(now)}] "${request.method} ${request.path} HTTP/1.1" ${status} ${sent} "-" "${userAgent(request)}" "-"` },
  };
}

export async function serveHttpd(fs: IFileSystem, request: HttpRequest, now: number): Promise<Served> {
  const file = await readFileUnder(fs, '/usr/local/apache2/htdocs', request.path, ['index.html']);
  const body = file ? file.body : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
  const status = file ? 200 : 404;
  const headers: [string, string][] = [
    ['Date', httpDate(now)],
    ['Server', 'Apache/2.4.62 (Unix)'],
    ...(file ? ([['Last-Modified', httpDate(file.mtime.getTime())], ['ETag', `"${bytes(body).toString(16)}-5f0c2b0e8a4c0"`], ['Accept-Ranges', 'bytes']] as [string, string][]) : []),
    ['Content-Length', String(bytes(body))],
    ['Content-Type', file ? 'text/html' : 'text/html; charset=iso-8859-1'],
  ];
  return {
    response: { status, reason: file ? 'OK' : 'Not Found', headers, body: request.method === 'HEAD' ? '' : body },
    log: { stream: 'stdout', text: `${request.clientAddress} - - [${accessTime(now)}] "${request.method} ${request.path} HTTP/1.1" ${status} ${request.method === 'HEAD' ? '-' : bytes(body)}` },
  };
}

function werkzeugTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Flask (Werkzeug's development server) answering from the student's routes. */
export function serveFlask(routes: [string, string][], request: HttpRequest, now: number): Served {
  const path = request.path.split('?')[0];
  const route = routes.find(([p]) => p === path);
  const body = route ? route[1] : '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';
  const status = route ? 200 : 404;
  return {
    response: {
      status,
      reason: route ? 'OK' : 'NOT FOUND',
      headers: [['Server', 'Werkzeug/3.1.3 Python/3.12.7'], ['Date', httpDate(now)], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(bytes(body))], ['Connection', 'close']],
      body: request.method === 'HEAD' ? '' : body,
    },
    log: { stream: 'stderr', text: `${request.clientAddress} - - [${werkzeugTime(now)}] "${request.method} ${request.path} HTTP/1.1" ${status} -` },
  };
}

/** python3 -m http.server: files from the directory it was started in. */
export async function servePythonHttp(fs: IFileSystem, root: string, request: HttpRequest, now: number): Promise<Served> {
  const file = await readFileUnder(fs, root === '/' ? '' : root, request.path, ['index.html']);
  const body = file ? file.body : `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n    </body>\n</html>\n`;
  const status = file ? 200 : 404;
  return {
    response: {
      status,
      reason: file ? 'OK' : 'File not found',
      headers: [['Server', 'SimpleHTTP/0.6 Python/3.12.7'], ['Date', httpDate(now)], ['Content-type', file ? 'text/html' : 'text/html;charset=utf-8'], ['Content-Length', String(bytes(body))], ...(file ? ([['Last-Modified', httpDate(file.mtime.getTime())]] as [string, string][]) : [])],
      body: request.method === 'HEAD' ? '' : body,
    },
    log: { stream: 'stderr', text: `${request.clientAddress} - - [${werkzeugTime(now)}] "${request.method} ${request.path} HTTP/1.1" ${status} -` },
  };
}

/** Node's own http server: every request gets the handler's one text, with Node's default headers. */
export function serveNodeHttp(body: string, request: HttpRequest, now: number): Served {
  return {
    response: {
      status: 200,
      reason: 'OK',
      headers: [['Date', httpDate(now)], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5'], ['Content-Length', String(bytes(body))]],
      body: request.method === 'HEAD' ? '' : body,
    },
    log: null,
  };
}

/**
 * Express 4 answering from the student's routes, and its finalhandler 404 page otherwise. Not
 * modelled: the weak ETag Express adds to a 200 (a SHA-1 of the body).
 */
/** The etag package's weak ETag, which Express sends by default: length in hex and a SHA-1. */
function weakEtag(body: string): string {
  return `W/"${bytes(body).toString(16)}-${base64(sha1Bytes(body)).slice(0, 27)}"`;
}

export function serveExpress(routes: [string, string][], request: HttpRequest, now: number): Served {
  const path = request.path.split('?')[0];
  const route = request.method === 'GET' || request.method === 'HEAD' ? routes.find(([p]) => p === path) : undefined;
  const body = route ? route[1] : `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${request.method} ${path}</pre>\n</body>\n</html>\n`;
  const own: [string, string][] = route
    ? [['X-Powered-By', 'Express'], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(bytes(body))], ['ETag', weakEtag(body)]]
    : [['X-Powered-By', 'Express'], ['Content-Security-Policy', "default-src 'none'"], ['X-Content-Type-Options', 'nosniff'], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(bytes(body))]];
  return {
    response: {
      status: route ? 200 : 404,
      reason: route ? 'OK' : 'Not Found',
      headers: [...own, ['Date', httpDate(now)], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5']],
      body: request.method === 'HEAD' ? '' : body,
    },
    log: null,
  };
}
