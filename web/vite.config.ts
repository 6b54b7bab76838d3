import { defineConfig } from 'vite';

// The app is served by the gateway at /; `manifest` lets a test weigh the start page's assets.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, target: 'es2022', sourcemap: false },
  oxc: { jsx: { runtime: 'automatic' } },
});
