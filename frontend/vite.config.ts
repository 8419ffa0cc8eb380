import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleStats } from './scripts/bundle-stats-plugin.ts';

// The API server the dev server proxies to (`cargo run -p butler-server --bin butler -- serve --demo`).
const apiTarget = process.env.BUTLER_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), bundleStats(fileURLToPath(new URL('.', import.meta.url)))],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
