import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The Explorer's bundle: JSX for Preact, no inline scripts (the server's CSP forbids them), and
// the graph and chart libraries in their own chunks, loaded by the pages that draw them.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
});
