// The Explorer web app (built by web/build.ts into web/dist): its hashed assets under /assets/,
// and its page for every other browser address the API does not own, so deep links load the app.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { projectRoot } from '../project-root.js';

const defaultDist = join(projectRoot, 'web', 'dist');

// No inline script anywhere; styles may be inline because the chart library writes a <style>
// element into each chart it draws.
export const explorerCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

type Build = { page: string; assets: Map<string, Buffer> };

function readBuild(dist: string): Build | null {
  if (!existsSync(join(dist, 'index.html'))) return null;
  const assets = new Map<string, Buffer>();
  const folder = join(dist, 'assets');
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) assets.set(name, readFileSync(join(folder, name)));
  }
  return { page: readFileSync(join(dist, 'index.html'), 'utf8'), assets };
}

export function useExplorer(options: { ownPaths: string[]; dist?: string }): Plugin {
  const dist = options.dist ?? defaultDist;
  let build: Build | null = null;
  const ownPaths = new Set(options.ownPaths);
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (ownPaths.has(url.pathname)) return;
      const asset = /^\/assets\/([\w.-]+)$/.exec(url.pathname);
      if (!asset && !(request.headers.get('accept') ?? '').includes('text/html')) return;
      // Read once, on first use: the server starts fine before the app is built.
      build ??= readBuild(dist);
      if (!build) {
        endResponse(
          new Response('The Explorer is not built yet: `npm start` builds it (web/build.ts).', {
            status: 503,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
        return;
      }
      const security = {
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (asset) {
        const name = asset[1] as string;
        const body = build.assets.get(name);
        endResponse(
          body
            ? new Response(new Uint8Array(body), {
                headers: {
                  ...security,
                  'content-type': contentTypes[extname(name)] ?? 'application/octet-stream',
                  // File names carry their content hash.
                  'cache-control': 'public, max-age=31536000, immutable',
                },
              })
            : new Response('not found', { status: 404, headers: security }),
        );
        return;
      }
      endResponse(
        new Response(build.page, {
          headers: {
            ...security,
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': explorerCsp,
            'cache-control': 'no-cache',
          },
        }),
      );
    },
  };
}
