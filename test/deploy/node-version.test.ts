import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../scripts/build.mjs';
import { bundleFiles, enginesRange, unsupportedApis } from '../../scripts/check-node-api.mjs';
import { nodeVersionSatisfies, SUPPORTED_NODE, unsupportedNodeMessage } from '../../src/node-version';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the Node versions the bot runs on', () => {
  it('states package.json’s engines once more, for the bundle', () => {
    expect(SUPPORTED_NODE).toBe(enginesRange());
  });

  it.each([
    ['18.20.4', false],
    ['20.12.2', false],
    ['20.15.0', true],
    ['20.19.2', true],
    ['21.7.3', false],
    ['22.1.0', false],
    ['22.2.0', true],
    ['24.11.1', true],
  ])('Node %s supported: %s', (version, supported) => {
    expect(nodeVersionSatisfies(version, SUPPORTED_NODE)).toBe(supported);
    expect(unsupportedNodeMessage(version) === undefined).toBe(supported);
  });

  it('the bundle uses no Node API missing from a version engines allows, and the check finds one that is', async () => {
    const files = await bundleFiles();
    expect(files.map((file) => file.path)).toContain('dist/main.js');
    expect(await unsupportedApis(files, enginesRange())).toEqual([]);
    // The same check with the old engines finds the XLSX writer's zlib.crc32 (Node 20.15).
    const old = await unsupportedApis(files, '>=20');
    expect(old.some((problem) => problem.includes("'zlib.crc32'"))).toBe(true);
    // Its entry links no chunk that needs zlib.crc32: an old Node reaches the version check before that.
    const byPath = new Map(files.map((file) => [file.path, file.text]));
    const linked = new Set<string>();
    const follow = (path: string) => {
      // Static imports as the bundle writes them, whitespace minified: `import{a as b}from"./chunks/x.js"`, `import"./y.js"`.
      const imports = /(?:^|[;}])\s*import\s*(?:[\w$\s{},*]+?from\s*)?["']([^"']+)["']/gm;
      for (const [, specifier] of (byPath.get(path) ?? '').matchAll(imports)) {
        const target = specifier!.startsWith('.') ? join(dirname(path), specifier!) : specifier!;
        if (!linked.has(target)) linked.add(target) && follow(target);
      }
    };
    follow('dist/main.js');
    expect([...linked].filter((target) => target.startsWith('node:')).sort()).toEqual([
      'node:fs',
      'node:module',
      'node:path',
      'node:url',
    ]);
  }, 240_000);

  it('node dist/main.js on an older Node stops at once with one line naming the versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-node-'));
    try {
      // Builds what `npm start` runs (into a folder of its own: other tests run dist/), then runs it as Node
      // 20.12.2 would report itself.
      await build({ ...bundleOptions(join(dir, 'dist')), logLevel: 'error' });
      const pretend = join(dir, 'pretend.mjs');
      writeFileSync(pretend, "Object.defineProperty(process.versions, 'node', { value: '20.12.2' });\n");
      const run = spawnSync(process.execPath, ['--import', pretend, join(dir, 'dist/main.js')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        `thidua-bot: Node.js 20.12.2 is not supported; it needs ${SUPPORTED_NODE} (docs/OPERATIONS.md, "Install").`,
      ]);
      expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toContain(`"node": "${SUPPORTED_NODE}"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
