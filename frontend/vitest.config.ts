import { availableParallelism } from 'node:os';
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    restoreMocks: true,
    // By default Vitest leaves one core to its main process: a single worker on a 2-core
    // machine. The main process is mostly idle once files are transformed: a worker per core.
    maxWorkers: Math.max(2, availableParallelism()),
    // A fresh jsdom and module graph for every file cost more than the tests themselves
    // (loading antd again, 85 times). Files of a worker share them instead; setup.ts puts back
    // after each file what it may leave behind (language, stubs, DOM), so order does not matter.
    isolate: false,
    // Component tests render Ant Design in jsdom: seconds each on a busy 2-core machine.
    // A generous limit keeps them from timing out there; every assertion still applies.
    testTimeout: 30_000,
  },
});
