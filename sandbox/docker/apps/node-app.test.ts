import { describe, expect, it } from 'vitest';
import { parseNodeApp } from './node-app';

describe('the Node app subset the sandbox runs', () => {
  it('reads an http server: one text for every path, and its port', () => {
    const parsed = parseNodeApp("import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.end(`up on ${PORT}`);\n}).listen(8080);\n", {});
    expect(parsed).toEqual({ ok: true, app: { kind: 'http', routes: [], fallback: 'up on 8080', port: 8080, logs: [] } });
  });

  it('reads Express routes, and takes the port from the environment when the app asks for it', () => {
    const source = [
      "const express = require('express');",
      'const app = express();',
      'const port = process.env.PORT || 3000;',
      "app.get('/', (req, res) => res.send('home'));",
      "app.get('/health', (req, res) => { res.send(\"ok\"); });",
      'app.listen(port, () => console.log(`listening on ${port}`));',
    ].join('\n');
    expect(parseNodeApp(source, { PORT: '5000' })).toEqual({ ok: true, app: { kind: 'express', routes: [['/', 'home'], ['/health', 'ok']], fallback: null, port: 5000, logs: ['listening on 5000'] } });
    expect(parseNodeApp(source, {})).toMatchObject({ ok: true, app: { port: 3000 } });
  });

  it('says which line goes beyond the subset instead of guessing', () => {
    const source = "const express = require('express');\nconst app = express();\n\napp.get('/', (req, res) => res.send(JSON.stringify(data)));\napp.listen(3000);\n";
    expect(parseNodeApp(source, {})).toEqual({ ok: false, reason: 'a route sends something other than a string', line: 4 });
    expect(parseNodeApp("console.log('no server');\n", {})).toMatchObject({ ok: false });
  });
});
