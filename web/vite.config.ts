import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '..');

/**
 * Writes a .gz beside each built text file. The server sends it to browsers
 * that accept gzip (most of a county school's bandwidth is the first visit),
 * without compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'lessonprep:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(webRoot, 'dist');
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const file = path.join(dir, fileName);
        fs.writeFileSync(`${file}.gz`, gzipSync(fs.readFileSync(file), { level: 9 }));
      }
    },
  };
}

/**
 * The web app: `npm run build:web` writes web/dist, which `npm start` serves
 * at /. `npm run dev:web` is a dev server for developers, proxying /api to a
 * service on port 3000.
 */
export default defineConfig({
  root: webRoot,
  plugins: [vue(), precompress()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    // School PCs often run a Chromium-based browser a few years old (360, QQ, Sogou): Chrome 87 syntax still runs there.
    target: ['chrome87', 'edge88', 'firefox78', 'safari14'],
    reportCompressedSize: false,
    rolldownOptions: {
      // The app imports the deck geometry and clip links from src/, whose modules also declare zod schemas the
      // browser never uses: calls on `z` are pure, so unused schemas (and zod with them) drop out of the bundle.
      treeshake: { manualPureFunctions: ['z'] },
      // Vite's own plugin timing report is noise in the tests' output.
      checks: { bundlerTimings: false },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
    // The app imports types and the deck geometry from src/ and themes from templates/.
    fs: { allow: [repoRoot] },
  },
});
