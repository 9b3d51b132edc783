import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Everything is bundled (externalizeDeps: false) so app/package.json needs no dependencies and the
// sandboxed preload is one self-contained CommonJS file. Outputs land in app/dist/, electron-builder's app dir.
export default defineConfig({
  main: {
    build: {
      outDir: 'app/dist/main',
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/electron/main.ts'),
          cli: resolve(__dirname, 'main/cli/index.ts'),
          'scan-worker': resolve(__dirname, 'main/scan/walk-worker.ts'),
          'h5-worker': resolve(__dirname, 'main/formats/families/omics-hdf5/h5-worker.ts'),
          'checksum-worker': resolve(__dirname, 'main/export/checksum-worker.ts'),
          'header-worker': resolve(__dirname, 'main/scan/header-worker.ts'),
        },
        external: ['electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'app/dist/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'main/electron/preload.ts') }, external: ['electron'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'app/dist/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
