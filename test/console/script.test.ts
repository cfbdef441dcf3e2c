import { describe, expect, it } from 'vitest';
import { scriptLines } from '../../src/console/script';

describe('scriptLines', () => {
  it('keeps commands and console lines, skipping blank lines and comments', () => {
    const script = '# set up\n\n:in PC06\r\n  /register PC06  \n   # indented comment\n/log cccd 120\n';
    expect(scriptLines(script)).toEqual([':in PC06', '/register PC06', '/log cccd 120']);
  });

  it('has nothing to run in an empty file', () => {
    expect(scriptLines('')).toEqual([]);
  });
});
