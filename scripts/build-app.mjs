// Builds the commanders' web app (src/webapp/) into dist/app/: one minified script and one stylesheet with hashed
// names (served as immutable), an index.html naming them (served no-cache), and a .gz beside each file so the
// server sends them compressed without compressing per request. Fails above the JavaScript budget.
// `npm run build` runs it after scripts/build.mjs; `--outdir DIR` builds elsewhere (the browser tests do).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_APP = join(ROOT, 'dist/app');
/** The budget for the page's JavaScript, gzipped. */
export const JS_BUDGET_BYTES = 120 * 1024;

/** Telegram's webviews: iOS 15+ Safari (14's destructuring bug esbuild cannot lower), Android's Chrome, the desktop clients' Chromium. */
const TARGET = ['es2020', 'safari15', 'chrome87'];

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Builds into `outdir` (through a folder beside it, swapped in whole); resolves with the gzipped JavaScript size. */
export async function buildApp({ outdir = DIST_APP, quiet = false } = {}) {
  const staging = `${outdir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { app: 'src/webapp/main.ts', style: 'src/webapp/app.css' },
      outdir: join(staging, 'assets'),
      entryNames: '[name]-[hash]',
      bundle: true,
      minify: true,
      format: 'esm',
      target: TARGET,
      platform: 'browser',
      tsconfig: 'src/webapp/tsconfig.json',
      legalComments: 'none',
      logLevel: quiet ? 'error' : 'warning',
      metafile: true,
    });
    const outputs = Object.keys(result.metafile.outputs).map((file) => join(ROOT, file));
    const script = outputs.find((file) => file.endsWith('.js'));
    const style = outputs.find((file) => file.endsWith('.css'));
    // Inlined, so the first screen's calls start before the page's script arrives (the server allows it by hash).
    const firstCalls = await build({
      absWorkingDir: ROOT,
      entryPoints: ['src/webapp/first-calls.ts'],
      bundle: true,
      minify: true,
      format: 'iife',
      target: TARGET,
      tsconfig: 'src/webapp/tsconfig.json',
      legalComments: 'none',
      write: false,
      logLevel: quiet ? 'error' : 'warning',
    });
    const inline = firstCalls.outputFiles[0].text.trim();
    const template = readFileSync(join(ROOT, 'src/webapp/index.html'), 'utf8');
    for (const mark of ['{{js}}', '{{css}}', '<script data-inline="first-calls.ts"></script>']) {
      if (!template.includes(mark)) throw new Error(`src/webapp/index.html lost its ${mark}`);
    }
    const html = template
      .replace('{{js}}', `assets/${basename(script)}`)
      .replace('{{css}}', `assets/${basename(style)}`)
      .replace('<script data-inline="first-calls.ts"></script>', () => `<script>${inline}</script>`);
    writeFileSync(join(staging, 'index.html'), html);
    let scriptBytes = gzipSync(inline, { level: 9 }).length;
    for (const file of [...outputs, join(staging, 'index.html')]) {
      const gzipped = gzipSync(readFileSync(file), { level: 9 });
      writeFileSync(`${file}.gz`, gzipped);
      if (file.endsWith('.js')) scriptBytes += gzipped.length;
    }
    const summary = `web app: JavaScript ${kB(scriptBytes)} gzipped (budget ${kB(JS_BUDGET_BYTES)})`;
    if (scriptBytes > JS_BUDGET_BYTES) throw new Error(`${summary}: over budget`);
    mkdirSync(dirname(outdir), { recursive: true });
    rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
    if (!quiet) console.log(summary);
    return { scriptBytes };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, quiet: { type: 'boolean' } } });
  try {
    await buildApp({ outdir: values.outdir, quiet: values.quiet });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
