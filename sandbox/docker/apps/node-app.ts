/**
 * A narrow, documented subset of Node.js web apps the sandbox runs for real, reading the
 * student's own file: an `http` server whose handler ends with a string, or an Express app whose
 * routes `res.send` a string, listening on a port (a number, or `process.env.PORT || number`).
 *
 *   const http = require('http');                 // or: import http from 'node:http'
 *   http.createServer((req, res) => {
 *     res.end('Hello from Node');
 *   }).listen(8080);
 *
 *   const express = require('express');
 *   const app = express();
 *   app.get('/', (req, res) => res.send('Hello from Express'));
 *   app.listen(process.env.PORT || 8080, () => console.log('listening'));
 */
export interface NodeApp {
  kind: 'http' | 'express';
  /** http: every path answers with `body`; express: path → text. */
  routes: [string, string][];
  fallback: string | null;
  port: number;
  /** What console.log prints at start-up (string literals, `${port}` filled in). */
  logs: string[];
}

export type NodeParse = { ok: true; app: NodeApp } | { ok: false; reason: string; line: number };

const STRING = /^(['"`])((?:\\.|(?!\1).)*)\1$/s;

function text(expression: string, port: number): string | null {
  const match = STRING.exec(expression.trim());
  if (!match) return null;
  const body = match[2].replace(/\\n/g, '\n').replace(/\\(['"`\\])/g, '$1');
  if (match[1] === '`') {
    const filled = body.replace(/\$\{\s*(?:port|PORT)\s*\}/g, String(port));
    return /\$\{/.test(filled) ? null : filled;
  }
  return body;
}

function portOf(source: string, env: Record<string, string>): number | null {
  const listen = /\.listen\(\s*([^,)]+)/.exec(source)?.[1]?.trim();
  if (!listen) return null;
  const variable = new RegExp(`(?:const|let|var)\\s+${listen.replace(/[.$]/g, '\\$&')}\\s*=\\s*([^;\\n]+)`).exec(source)?.[1]?.trim() ?? listen;
  const fromEnv = /process\.env\.(\w+)\s*\|\|\s*(\d+)/.exec(variable);
  if (fromEnv) return Number(env[fromEnv[1]] ?? fromEnv[2]);
  return /^\d+$/.test(variable) ? Number(variable) : null;
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

export function parseNodeApp(source: string, env: Record<string, string>): NodeParse {
  const port = portOf(source, env);
  if (port === null) return { ok: false, reason: 'it does not listen on a port the sandbox can read (.listen(8080) or process.env.PORT || 8080)', line: 1 };
  const logs = [...source.matchAll(/console\.log\(\s*([^)]*?)\s*\)/g)].map((m) => text(m[1], port)).filter((t): t is string => t !== null);
  if (/require\(\s*['"]express['"]\s*\)|from\s+['"]express['"]/.test(source)) {
    const routes: [string, string][] = [];
    for (const match of source.matchAll(/\.(?:get|all)\(\s*(['"])([^'"]+)\1\s*,\s*(?:async\s*)?\(?\s*\w*\s*,\s*(\w+)\s*\)?\s*=>\s*\{?\s*(?:return\s+)?\3\.send\(\s*([^)]*?)\s*\)/g)) {
      const body = text(match[4], port);
      if (body === null) return { ok: false, reason: 'a route sends something other than a string', line: lineOf(source, match.index ?? 0) };
      routes.push([match[2], body]);
    }
    if (routes.length === 0) return { ok: false, reason: "it has no `app.get('/', (req, res) => res.send('text'))` route", line: 1 };
    return { ok: true, app: { kind: 'express', routes, fallback: null, port, logs } };
  }
  if (/require\(\s*['"](?:node:)?http['"]\s*\)|from\s+['"](?:node:)?http['"]/.test(source)) {
    const ends = [...source.matchAll(/\.end\(\s*([^)]*?)\s*\)/g)];
    if (ends.length !== 1) return { ok: false, reason: 'its handler does more than end every response with one string', line: ends[1] ? lineOf(source, ends[1].index ?? 0) : 1 };
    const body = text(ends[0][1], port);
    if (body === null) return { ok: false, reason: 'the response is not a string', line: lineOf(source, ends[0].index ?? 0) };
    return { ok: true, app: { kind: 'http', routes: [], fallback: body, port, logs } };
  }
  return { ok: false, reason: 'it is not an http or Express server', line: 1 };
}
