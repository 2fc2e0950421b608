/**
 * Lesson 6's Node.js app as that lesson ends (its `cat > … <<'EOF'` blocks, then the cache-friendly
 * Dockerfile and the third edit of server.js), for scenarios that start with the app already
 * written: the files only, no image built yet.
 */
export const HELLO_WEB_DIR = '/root/hello-web';

export const HELLO_WEB_FILES: Record<string, string> = {
  'package.json': `{
  "name": "hello-web",
  "version": "1.0.0",
  "dependencies": {
    "express": "^4.21.2"
  }
}
`,
  'server.js': `const express = require('express');
const app = express();
const port = process.env.PORT || 8080;

app.get('/', (req, res) => res.send('Hello from version 3!\\n'));

app.listen(port, () => console.log(\`listening on port \${port}\`));
`,
  Dockerfile: `FROM node:20-alpine
WORKDIR /app
COPY package.json ./
RUN npm install
COPY server.js ./
ENV PORT=8080
EXPOSE 8080
CMD ["node", "server.js"]
`,
  '.dockerignore': 'node_modules\nnpm-debug.log\n',
};
