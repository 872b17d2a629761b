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
    // Pages are loaded on demand (App.tsx) and the libraries go into their own chunks: the first page needs the
    // React runtime, the app shell and its page (about 250 kB), and the charting library (recharts with d3, about
    // 470 kB) loads with the first page that draws a chart. A chunk over this limit is a regression: the build warns.
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|react-is|scheduler)[\\/]/, priority: 2 },
            // Everything else from node_modules is recharts and its dependencies: only chart components import it.
            { name: 'charts', test: /[\\/]node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
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
