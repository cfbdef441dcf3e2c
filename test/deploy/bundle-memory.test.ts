import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../scripts/build.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

// What a start of `node dist/main.js` loads, and the text V8 keeps for it (docs/PERFORMANCE.md, "Startup and
// memory"): the bundle as scripts/build.mjs makes it, built in memory.
let outputs: Metafile['outputs'];
let texts: Map<string, string>;
beforeAll(async () => {
  const result = await build({ ...bundleOptions(join(ROOT, 'dist')), write: false, logLevel: 'error' });
  outputs = result.metafile.outputs;
  texts = new Map(result.outputFiles.map((file) => [file.path.slice(ROOT.length + 1), file.text]));
}, 120_000);

/** The inputs of every chunk a start links: dist/main.js and the bot's chunk it imports, and what they import. */
function inputsAtStart(): string[] {
  const start = Object.keys(outputs).filter(
    (path) => path === 'dist/main.js' || Object.hasOwn(outputs[path]!.inputs, 'src/run-bot.ts'),
  );
  expect(start).toHaveLength(2);
  const linked = new Set<string>();
  const follow = (path: string) => {
    if (linked.has(path)) return;
    linked.add(path);
    for (const edge of outputs[path]!.imports)
      if (!edge.external && edge.kind === 'import-statement') follow(edge.path);
  };
  for (const path of start) follow(path);
  return [...linked].flatMap((path) => Object.keys(outputs[path]!.inputs));
}

describe('the bundle a start loads', () => {
  it('holds zod without its locales (only the English one its errors use), and no whatwg-url or tr46', () => {
    const inputs = inputsAtStart();
    expect(inputs).toContain('src/telegram/update-schema.ts');
    expect(inputs.some((input) => input.startsWith('node_modules/zod/'))).toBe(true);
    // `import { z } from 'zod'` anywhere keeps every locale (the namespace object is kept whole); `import * as z` not.
    expect(inputs.filter((input) => input.startsWith('node_modules/zod/v4/locales/'))).toEqual([
      'node_modules/zod/v4/locales/en.js',
    ]);
    expect(inputs.filter((input) => /node_modules\/(whatwg-url|tr46)\//.test(input))).toEqual([]);
    expect(inputs).toContain('scripts/stubs/whatwg-url.cjs');
  });

  it('is Latin-1 text throughout, so V8 keeps each chunk as a one-byte string', () => {
    const wide = [...texts]
      .filter(([path]) => path.endsWith('.js'))
      .flatMap(([path, text]) => {
        const at = text.search(/[\u0100-\uffff]/);
        return at < 0 ? [] : [`${path}: …${text.slice(Math.max(0, at - 40), at + 20)}…`];
      });
    expect(wide).toEqual([]);
  });
});
