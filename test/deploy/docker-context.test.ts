import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Docker's .dockerignore rules (moby/patternmatcher): a path relative to the context's root is left out when the
 * last pattern matching it, or one of its parent folders, is not a `!` exception; `*` and `?` stay within a path
 * element, `**` spans any number of them. No Docker engine runs here, so the test reads the context as docker would.
 */
function dockerIgnore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exception = line.startsWith('!');
      const pattern = (exception ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      const source = pattern
        .split('/')
        .map((element) =>
          element === '**'
            ? '(?:.*)'
            : element
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
      return { exception, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const parts = path.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) if (prefixes.some((prefix) => rule.regex.test(prefix))) excluded = !rule.exception;
    return excluded;
  };
}

describe('the Docker build context (.dockerignore)', () => {
  const ignored = dockerIgnore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

  it('keeps out every env file, the data, node_modules, .git and dist/', () => {
    const secrets = [
      '.env',
      '.env.local',
      '.env.production',
      'docs/deploy/.env',
      'data/thidua.sqlite',
      'data/thidua.sqlite-wal',
      'data/backups/thidua-2026-12-01T023000Z.sqlite',
      'backups/thidua-2026-12-01.dump',
      'node_modules/telegraf/package.json',
      'docs/node_modules/x.js',
      '.git/config',
      'dist/main.js',
      'dist/main.js.map',
    ];
    expect(secrets.filter((path) => !ignored(path))).toEqual([]);
  });

  it('keeps what the image builds from: the sources, the lock file and the build script', () => {
    // .env.example is left out with the other env files: the image reads its settings from the environment.
    const needed = tracked.filter((path) => !/^(docs|test)\/|^\.env/.test(path));
    expect(needed.filter(ignored)).toEqual([]);
    for (const path of ['package.json', 'package-lock.json', 'scripts/build.mjs', 'src/main.ts']) {
      expect(tracked).toContain(path);
    }
  });

  it('the Dockerfile installs from the lock file, runs node dist/main.js and runs as a non-root user', () => {
    const dockerfile = readFileSync(join(ROOT, 'docs/deploy/Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    const build = stages[0] ?? '';
    const run = stages.at(-1) ?? '';
    expect(build).toMatch(/COPY package\.json package-lock\.json/);
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).not.toMatch(/RUN npm install\b/);
    expect(run).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(run.lastIndexOf('USER')).toBeLessThan(run.indexOf('CMD'));
    expect(run).toMatch(/CMD \["node", "dist\/main\.js"\]/);
  });
});
