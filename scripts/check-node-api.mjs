// Fails when the bundle uses a Node.js API (a node: module's export, a global, import.meta's) or a JavaScript
// built-in that some Node version allowed by package.json's `engines` lacks. No other Node binary can be run here,
// so the check is static: the bundle (as `npm run build` makes it, built in memory) is read by eslint-plugin-n's
// no-unsupported-features rules, whose tables say in which versions each API arrived (zlib.crc32: 20.15.0 and
// 22.2.0). Built-ins reached through a computed name are not seen; the start-up version check (src/node-version.ts)
// still stops an unsupported Node with a one-line message.
//   node scripts/check-node-api.mjs [--engines RANGE]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import nodePlugin from 'eslint-plugin-n';
import { bundleOptions, ROOT } from './build.mjs';

/** The `engines.node` range of package.json. */
export const enginesRange = () => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;

/** Problems in `files` ({ path, text }) for Node versions in `range`: one line each, "path:line:col message". */
export async function unsupportedApis(files, range) {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.js', '**/*.mjs'],
        plugins: { n: nodePlugin },
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
        settings: { node: { version: range } },
        rules: {
          // vm.measureMemory is in every Node engines allows (since 13.10), though still called experimental:
          // src/run-bot.ts starts one collection with it once the bot has settled, and shrugs off any failure.
          'n/no-unsupported-features/node-builtins': ['error', { ignores: ['vm.measureMemory'] }],
          'n/no-unsupported-features/es-builtins': 'error',
        },
      },
    ],
  });
  const problems = [];
  for (const { path, text } of files) {
    for (const result of await eslint.lintText(text, { filePath: join(ROOT, path) })) {
      for (const message of result.messages) {
        // The bundle's own eslint-disable comments (from packages) are noise here, not problems.
        if (message.ruleId) problems.push(`${path}:${message.line}:${message.column} ${message.message}`);
      }
    }
  }
  return problems;
}

/**
 * The bundle's JavaScript files, built in memory exactly as dist/ is, but the console's own entry: `npm run
 * console` runs under tsx on the developer's Node.
 */
export async function bundleFiles() {
  const result = await build({ ...bundleOptions(join(ROOT, 'dist')), write: false, logLevel: 'error' });
  return result.outputFiles
    .map((file) => ({ path: file.path.slice(ROOT.length + 1), text: file.text }))
    .filter(({ path }) => path.endsWith('.js') && path !== 'dist/console/main.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--engines');
  const range = flag > 0 ? process.argv[flag + 1] : enginesRange();
  const problems = await unsupportedApis(await bundleFiles(), range);
  for (const problem of problems) console.error(problem);
  console.log(`${problems.length} use(s) of a Node API missing from some version in engines "${range}"`);
  process.exit(problems.length > 0 ? 1 : 0);
}
