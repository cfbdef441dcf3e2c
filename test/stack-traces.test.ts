import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
let dir: string;

/** A bundle as scripts/build.mjs makes them (ESM, whitespace minified, maps without sources), whose code throws from a TS function. */
beforeAll(async () => {
  dir = mkdtempSync(join(ROOT, '.stack-traces-')); // under the root, so relative paths look as in production
  writeFileSync(
    join(dir, 'thrower.ts'),
    [
      '// a line to shift the numbers',
      'export function throwFromSource(): never {',
      "  throw new Error('from the source');",
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'entry.ts'),
    [
      `import { mapStackTracesOnDemand } from '${join(ROOT, 'src/stack-traces')}';`,
      "import { throwFromSource } from './thrower';",
      `mapStackTracesOnDemand(${JSON.stringify(ROOT)});`,
      'try {',
      '  throwFromSource();',
      '} catch (error) {',
      '  console.log((error as Error).stack);',
      '}',
    ].join('\n'),
  );
  await build({
    entryPoints: [join(dir, 'entry.ts')],
    outdir: join(dir, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    sourcemap: true,
    sourcesContent: false,
    // As scripts/build.mjs: no comments or indentation, lines cut at 200 characters.
    minifyWhitespace: true,
    lineLimit: 200,
    logLevel: 'error',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(dir, 'dist/entry.js')], { cwd: ROOT, encoding: 'utf8', env: { PATH: '', ...env } });

describe('stack traces of the bundle', () => {
  it('name the TypeScript file and line', () => {
    const { stdout, status } = run();
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('Error: from the source');
    const relativeDir = dir.slice(ROOT.length + 1);
    expect(lines[1]).toBe(`    at throwFromSource (${relativeDir}/thrower.ts:3:9)`);
    expect(lines[2]).toContain(`${relativeDir}/entry.ts:5:3`);
  });

  it('leave it to Node when NODE_OPTIONS asks for its source maps', () => {
    const { stdout } = run({ NODE_OPTIONS: '--enable-source-maps' });
    expect(stdout).toContain('thrower.ts:3:9');
  });
});
