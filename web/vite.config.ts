import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin, type Rolldown } from 'vite';

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

/** The screens whose code the service worker keeps from the first visit on, besides the app shell: the observer's recorder. */
const OFFLINE_SCREENS = ['src/observe/RecorderPage.vue'];
const SERVICE_WORKER = 'sw.js';
const BUILD_PLACEHOLDER = '__LESSONPREP_SW_BUILD__';

/**
 * Builds the service worker (web/src/offline/service-worker.ts) as /sw.js in
 * the same bundling pass, and writes into it what to precache: index.html,
 * the entry chunk and what it imports, and each OFFLINE_SCREENS chunk with
 * its imports and CSS, found in the bundle's own import graph. The version
 * is a hash of that list, whose names are content-hashed: a new build whose
 * shell or recorder changed is a new worker.
 */
function serviceWorker(): Plugin {
  return {
    name: 'lessonprep:service-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: path.join(webRoot, 'src/offline/service-worker.ts'), fileName: SERVICE_WORKER });
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
      const roots = chunks.filter(
        (chunk) =>
          (chunk.isEntry && chunk.fileName !== SERVICE_WORKER) ||
          OFFLINE_SCREENS.some((screen) => chunk.facadeModuleId?.endsWith(path.join(webRoot, screen))),
      );
      const files = new Set<string>(['index.html']);
      const visit = (chunk: Rolldown.OutputChunk | undefined) => {
        if (!chunk || files.has(chunk.fileName)) return;
        files.add(chunk.fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const name of chunk.imports) visit(chunks.find((c) => c.fileName === name));
      };
      for (const chunk of roots) visit(chunk);
      if (!roots.some((chunk) => OFFLINE_SCREENS.some((screen) => chunk.facadeModuleId?.endsWith(screen)))) {
        this.error(`the service worker's screens were not found in the bundle: ${OFFLINE_SCREENS.join(', ')}`);
      }
      const precache = [...files].sort().map((file) => `/${file}`);
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 16);
      const worker = bundle[SERVICE_WORKER] as Rolldown.OutputChunk;
      const literal = JSON.stringify(JSON.stringify({ version, precache }));
      const code = worker.code.replace(new RegExp(`(["'\`])${BUILD_PLACEHOLDER}\\1`), () => literal);
      if (code === worker.code) this.error('the service worker has no place for its precache list');
      worker.code = code;
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
  plugins: [vue(), serviceWorker(), precompress()],
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
