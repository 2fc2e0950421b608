/**
 * A narrow, documented subset of Flask that the sandbox can run for real: routes whose functions
 * return text, and `app.run(...)` with a port. It reads the student's own file, so the page says
 * what *their code* returns; anything outside the subset is refused with the line it stopped at.
 *
 *   from flask import Flask
 *   app = Flask(__name__)
 *   @app.route("/")            # or @app.get("/")
 *   def hello():
 *       return "Hello, World!"   # a string literal, or several joined with +
 *   app.run(host="0.0.0.0", port=8080)   # port may come from os.environ.get("PORT", 8080)
 */
export interface FlaskApp {
  routes: [string, string][];
  port: number;
  host: string;
}

export type FlaskParse = { ok: true; app: FlaskApp } | { ok: false; reason: string; line: number };

const STRING = /^(?:[rbuRBU]|[fF])?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$/;

function literal(expression: string): string | null {
  const parts = expression.split(/\s*\+\s*/);
  let out = '';
  for (const part of parts) {
    const trimmed = part.trim();
    const match = STRING.exec(trimmed);
    if (!match) return null;
    const body = match[1].slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(["'\\])/g, '$1');
    // f-strings are only accepted without placeholders: their text is then plain.
    if (/^[fF]/.test(trimmed) && /\{[^}]*\}/.test(body)) return null;
    out += body;
  }
  return out;
}

export function parseFlaskApp(source: string, env: Record<string, string>): FlaskParse {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  if (!/^\s*from\s+flask\s+import\s+.*\bFlask\b/m.test(source) && !/^\s*import\s+flask\b/m.test(source)) return { ok: false, reason: 'it does not import Flask', line: 1 };
  const appName = /^(\w+)\s*=\s*(?:flask\.)?Flask\(/m.exec(source)?.[1];
  if (!appName) return { ok: false, reason: 'there is no `app = Flask(__name__)`', line: 1 };
  const routes: [string, string][] = [];
  let port = 5000;
  let host = '127.0.0.1';
  let sawRun = false;
  for (let i = 0; i < lines.length; i++) {
    const decorator = new RegExp(`^@${appName}\\.(?:route|get)\\(\\s*(["'])([^"']*)\\1\\s*(?:,\\s*methods\\s*=\\s*\\[[^\\]]*\\])?\\s*\\)\\s*$`).exec(lines[i].trim());
    if (decorator) {
      let j = i + 1;
      while (j < lines.length && lines[j].trim().startsWith('@')) j++;
      if (!/^def\s+\w+\s*\(\s*\)\s*:/.test(lines[j]?.trim() ?? '')) return { ok: false, reason: 'the route function takes arguments or is not a plain `def`', line: j + 1 };
      const body: string[] = [];
      for (j = j + 1; j < lines.length && (lines[j].trim() === '' || /^\s+/.test(lines[j])); j++) if (lines[j].trim() && !lines[j].trim().startsWith('#')) body.push(lines[j].trim());
      const returned = body.length === 1 && body[0].startsWith('return ') ? literal(body[0].slice(7)) : null;
      if (returned === null) return { ok: false, reason: 'the route function does more than `return "text"`', line: i + 2 };
      routes.push([decorator[2], returned]);
      i = j - 1;
      continue;
    }
    const run = new RegExp(`^${appName}\\.run\\((.*)\\)\\s*$`).exec(lines[i].trim());
    if (run) {
      sawRun = true;
      const portArg = /port\s*=\s*([^,)]+(?:\([^)]*\))?[^,)]*)/.exec(run[1])?.[1]?.trim();
      if (portArg) {
        const fromEnv = /os\.environ\.get\(\s*["'](\w+)["']\s*,\s*["']?(\d+)["']?\s*\)/.exec(portArg);
        const value = fromEnv ? (env[fromEnv[1]] ?? fromEnv[2]) : /^(?:int\()?["']?(\d+)["']?\)?$/.exec(portArg)?.[1];
        if (!value || !/^\d+$/.test(value)) return { ok: false, reason: 'its port is not a number the sandbox can read', line: i + 1 };
        port = Number(value);
      }
      const hostArg = /host\s*=\s*(["'])([^"']+)\1/.exec(run[1])?.[2];
      if (hostArg) host = hostArg;
    }
  }
  if (routes.length === 0) return { ok: false, reason: 'it defines no routes', line: 1 };
  if (!sawRun) return { ok: false, reason: 'it never calls app.run(...) (start it with `python3 app.py`)', line: lines.length };
  return { ok: true, app: { routes, port, host } };
}
