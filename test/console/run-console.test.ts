import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/console/run-console';

// A smoke test of the wiring: the real app, built by createApp, long-polling the fake over HTTP.
describe('runConsole with the real bot', () => {
  it('runs a script against an in-memory store and exits 0 when every line was answered', async () => {
    const output = new PassThrough();
    let transcript = '';
    output.on('data', (chunk: Buffer) => {
      transcript += chunk.toString('utf8');
    });
    const code = await runConsole({
      databaseUrl: ':memory:',
      script: ['/unit add CAT Cong an tinh', ':users', '/unit list'],
      now: new Date('2026-11-24T02:00:00Z'),
      input: new PassThrough(),
      output,
      quietMs: 40,
    });
    expect(transcript).toContain('[Admin @ private] > /unit add CAT Cong an tinh   (#1)');
    expect(transcript).toMatch(/^#2 .* @ private with Admin, reply to #1:$/m);
    expect(transcript).toMatch(/^#4 .*, reply to #3:$/m);
    expect(transcript).toContain('-- script finished: no problems');
    expect(code).toBe(0);
  });

  it('exits 1 when the configuration is refused', async () => {
    const output = new PassThrough();
    let transcript = '';
    output.on('data', (chunk: Buffer) => {
      transcript += chunk.toString('utf8');
    });
    const code = await runConsole({
      databaseUrl: ':memory:',
      script: [],
      input: new PassThrough(),
      output,
      env: { DEFAULT_LOCALE: 'fr' },
    });
    expect(code).toBe(1);
    expect(transcript).toMatch(/^! configuration: DEFAULT_LOCALE: /m);
  });
});
