// GraphiQL from this server's own files: Yoga's page loads its scripts from a CDN, which leaves
// researchers on a closed network (or with a blocked CDN) with an empty page.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type GraphiQLOptions, type Plugin, renderGraphiQL } from 'graphql-yoga';

export const assetsPath = '/graphiql/';

const distDir = join(
  dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')),
  'dist',
);

const assets: Record<string, string> = {
  'graphiql.css': 'text/css; charset=utf-8',
  'yoga-graphiql.umd.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript; charset=utf-8',
};

/** Yoga's GraphiQL page, pointing at the assets this server serves. */
export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  // Yoga's page ignores defaultQuery and defaultTabs (graphql-yoga issue 3979); its wrapper does
  // read an untyped `query` option.
  const withQuery = { ...options, query: options.defaultQuery } as GraphiQLOptions;
  return renderGraphiQL(withQuery)
    .replace(/<link rel=icon [^>]*>/, '')
    .replaceAll(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, assetsPath);
}

/** Serves the GraphiQL bundle from the installed @graphql-yoga/graphiql package. */
export function useGraphiQLAssets(): Plugin {
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    async onRequest({ request, endResponse }) {
      const { pathname } = new URL(request.url);
      if (!pathname.startsWith(assetsPath)) return;
      const name = pathname.slice(assetsPath.length);
      const type = assets[name];
      if (!type || request.method !== 'GET') {
        endResponse(new Response('Not found', { status: 404 }));
        return;
      }
      let body = cache.get(name);
      if (!body) {
        body = new Uint8Array(await readFile(join(distDir, name)));
        cache.set(name, body);
      }
      endResponse(
        new Response(body, {
          headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
        }),
      );
    },
  };
}
