/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Maven build passes DIN_WEB_OUT_DIR (target/classes/META-INF/resources) so that the web-ui jar carries the
// app and platform-api serves it at /. A plain `npm run build` writes to dist/.
const outDir = process.env.DIN_WEB_OUT_DIR ?? 'dist';

// `npm run dev` talks to a platform started with `java -jar platform-api/target/platform-api.jar`.
const platform = process.env.DIN_PLATFORM_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': platform,
      '/actuator': platform,
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
