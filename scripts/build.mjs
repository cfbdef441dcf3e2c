// Bundles the bot and its command-line tools into dist/ (ESM, Node 20, source maps, shared chunks) with esbuild.
// `npm run build` runs it; `npm start` (scripts/start.mjs) runs it first when dist/ is missing or older than the sources.
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildApp } from './build-app.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');

/**
 * Entry points; each lands at the same path under dist/ (src/main.ts → dist/main.js, src/cli/job.ts → dist/cli/job.js).
 * src/files/export-thread.ts is no command: it is the module of the export's writers' thread, which
 * src/files/threaded-files.ts starts from dist/files/export-thread.js.
 */
export const ENTRY_POINTS = [
  'src/main.ts',
  'src/files/export-thread.ts',
  'src/cli/job.ts',
  'src/cli/migrate.ts',
  'src/cli/backup.ts',
  'src/cli/restore.ts',
  'src/console/main.ts',
];

/**
 * Loaded from node_modules at run time rather than bundled:
 * - better-sqlite3: a native addon (found through `bindings`, next to the package);
 * - pg and pg-native: pg requires pg-native only when asked to, and pg-native is a native addon;
 * - pino: transports run in worker threads that load files by path (thread-stream, pino/file);
 * - node-cron: background tasks fork its daemon.js, found next to the module;
 * - pdfkit: loads its standard fonts through the package's `#standard-fonts/*` imports map (bundled, a render
 *   fails with "Cannot find module '#standard-fonts/Helvetica'");
 * - @resvg/resvg-js: a native addon.
 * Everything else is bundled: loading every package from node_modules instead (`packages: 'external'`) measured
 * about 17 MiB more idle RSS (docs/PERFORMANCE.md, "Startup and memory").
 */
export const EXTERNAL = [
  'better-sqlite3',
  'pg',
  'pg-native',
  'pino',
  'node-cron',
  'pdfkit',
  '@resvg/resvg-js',
  // Loaded on first use only (an import's workbook, an official paper): bundled, they would weigh on every start.
  '@e965/xlsx',
  'docx',
];

/**
 * Packages replaced in the bundle by a stand-in of ours (scripts/stubs/): node-fetch 2 (telegraf's client) imports
 * whatwg-url, whose URL it uses only where Node has none, and whatwg-url brings tr46's mapping table (286 kB of
 * JSON turned into one array literal) into every start.
 */
export const ALIAS = { 'whatwg-url': './scripts/stubs/whatwg-url.cjs' };

// Bundled CommonJS (prom-client, kysely's and pino's helpers, ...) calls require() for Node's built-ins, which an ES
// module lacks.
const BANNER =
  "import { createRequire as __bundleCreateRequire } from 'node:module';\n" +
  'const require = __bundleCreateRequire(import.meta.url);';

/** esbuild's options for the bundle, written to `outdir`; the Node API check (scripts/check-node-api.mjs) builds the same. */
export const bundleOptions = (outdir) => ({
  absWorkingDir: ROOT,
  entryPoints: ENTRY_POINTS,
  outdir,
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The maps name src/ files and lines, without a copy of the sources (a third of the size; traces need no text).
  sourcemap: true,
  sourcesContent: false,
  // src/main.ts checks the Node version before it imports the bot: the bot (and its node: imports, which an old
  // Node fails to link before any code runs) lives in chunks loaded after that check.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // No comments and no indentation: V8 keeps each chunk's source text in the heap for as long as the process runs,
  // and one character above U+00FF anywhere in a chunk (a dash in a comment, an emoji in a package's doc comment)
  // makes the whole text a two-byte string. Lines are kept short, so a trace or an error's excerpt stays readable;
  // names stay as they are, and the maps still lead to src/. With the line limit, 73 against 77 MiB idle
  // (docs/PERFORMANCE.md, "Startup and memory").
  minifyWhitespace: true,
  lineLimit: 200,
  // Bundling renames clashing top-level names (AbortSignal becomes AbortSignal2); keep the original names, which
  // stack traces and code that checks a constructor's name rely on.
  keepNames: true,
  external: EXTERNAL,
  alias: ALIAS,
  banner: { js: BANNER },
  metafile: true,
});

/**
 * Builds dist/ afresh: into a folder beside it, then swapped in, so a process starting meanwhile does not find
 * half a bundle. Resolves with esbuild's result; a build error rejects and leaves dist/ as it was.
 */
export async function buildDist({ quiet = false } = {}) {
  const staging = `${DIST}.${process.pid}.tmp`;
  const started = performance.now();
  let result;
  try {
    result = await build({ ...bundleOptions(staging), logLevel: quiet ? 'error' : 'warning' });
    // The web app's page goes in with the bot, so a rebuild by npm start never leaves /app/ without it.
    await buildApp({ outdir: join(staging, 'app'), quiet });
    rmSync(DIST, { recursive: true, force: true });
    renameSync(staging, DIST);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!quiet) {
    const sizes = Object.entries(result.metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, output]) => `${file.replace(/^[^/]+/, 'dist')} ${Math.round(output.bytes / 1024)} kB`);
    console.log(`built ${sizes.join(', ')} in ${Math.round(performance.now() - started)} ms`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDist({ quiet: process.argv.includes('--quiet') });
