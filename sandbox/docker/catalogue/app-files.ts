/** Files that application images add on top of their base: nginx's config and pages, Python, Node. */
import type { LayerFile } from '../image-spec';

type Files = Record<string, LayerFile>;

/** A program that lives outside /usr/bin: a script that hands over to the sandbox's model of it. */
export const modelledProgram = (name: string): LayerFile => ({ content: `#!/bin/sh\nexec __dockyard_program ${name} "$@"\n`, mode: 0o755 });

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

export function nginxFiles(): Files {
  return {
    '/etc/nginx/nginx.conf': NGINX_CONF,
    '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
    '/etc/nginx/mime.types': 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    image/png                                        png;\n}\n',
    '/usr/share/nginx/html/index.html': NGINX_INDEX,
    '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
    '/usr/sbin/nginx': modelledProgram('nginx'),
    '/var/log/nginx/access.log': { symlink: '/dev/stdout' },
    '/var/log/nginx/error.log': { symlink: '/dev/stderr' },
    '/var/cache/nginx': { dir: true },
    '/etc/passwd.d-nginx': 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n',
  };
}

export function pythonFiles(version: string): Files {
  const minor = version.split('.').slice(0, 2).join('.');
  return {
    [`/usr/local/bin/python${minor}`]: modelledProgram('python3'),
    '/usr/local/bin/python3': { symlink: `python${minor}` },
    '/usr/local/bin/python': { symlink: 'python3' },
    '/usr/local/bin/pip': modelledProgram('pip'),
    '/usr/local/bin/pip3': modelledProgram('pip'),
    [`/usr/local/lib/python${minor}/os.py`]: '"""OS routines for NT or Posix depending on what system we\'re on."""\n',
    [`/usr/local/lib/python${minor}/http/server.py`]: '"""HTTP server classes."""\n',
    [`/usr/local/lib/python${minor}/site-packages/README.txt`]: 'This directory exists so that 3rd party packages can be installed\nhere.  Read the source for site.py for more details.\n',
  };
}

export function nodeFiles(version: string): Files {
  return {
    '/usr/local/bin/node': modelledProgram('node'),
    '/usr/local/bin/npm': modelledProgram('npm'),
    '/usr/local/bin/npx': modelledProgram('npx'),
    '/usr/local/lib/node_modules/npm/package.json': `{\n  "name": "npm",\n  "version": "10.8.2"\n}\n`,
    '/usr/local/include/node/node_version.h': `#define NODE_MAJOR_VERSION ${version.split('.')[0]}\n`,
    '/home/node': { dir: true },
  };
}

export function redisFiles(): Files {
  return {
    '/usr/local/bin/redis-server': modelledProgram('redis-server'),
    '/usr/local/bin/redis-cli': modelledProgram('redis-cli'),
    '/usr/local/bin/docker-entrypoint.sh': { content: '#!/bin/sh\nset -e\nexec "$@"\n', mode: 0o755 },
    '/data': { dir: true },
  };
}

export function httpdFiles(): Files {
  return {
    '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n',
    '/usr/local/apache2/conf/httpd.conf': 'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n',
    '/usr/local/apache2/bin/httpd': modelledProgram('httpd'),
    '/usr/local/bin/httpd-foreground': modelledProgram('httpd'),
  };
}
