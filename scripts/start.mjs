// `npm start`: runs the bundled bot (dist/main.js), building it first when it is missing or older than a source,
// so `npm ci && npm start` works on a fresh clone. The build runs in a child process, keeping esbuild out of the
// bot's memory.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/main.js');
/** What the bundle is made of: a change to any of them makes it stale. */
const SOURCES = ['src', 'migrations', 'scripts/build.mjs', 'package-lock.json'];

/** The latest modification time under a path, in ms (0 when it does not exist: a deployment may ship dist/ alone). */
function newest(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = newest(MAIN);
if (built === 0 || SOURCES.some((source) => newest(join(ROOT, source)) > built)) {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('thidua-bot: building dist/ failed (npm run build shows why)');
    process.exit(build.status ?? 1);
  }
}

// Stack traces name src/ files and lines: the bundle reads its source maps when a trace is printed (src/stack-traces.ts).
await import(pathToFileURL(MAIN).href);
