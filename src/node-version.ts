/**
 * The Node.js versions the bundle runs on: package.json's `engines.node`, stated again here because the bundle
 * cannot read package.json (test/node-version.test.ts keeps the two equal). zlib.crc32 (the XLSX writer) arrived in
 * 20.15 and 22.2; scripts/check-node-api.mjs fails CI when the bundle uses anything newer.
 */
export const SUPPORTED_NODE = '^20.15.0 || >=22.2.0';

const parse = (version: string): number[] => version.replace(/^v/, '').split('.').map(Number);

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Whether `version` (e.g. "20.12.2") is in `range`: alternatives joined by ||, each `^x.y.z` or `>=x.y.z`. */
export function nodeVersionSatisfies(version: string, range: string): boolean {
  const have = parse(version);
  return range.split('||').some((alternative) => {
    const match = /^\s*(\^|>=)\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(alternative);
    if (!match) throw new Error(`unsupported version range: ${alternative.trim()}`);
    const want = parse(match[2]!);
    return compare(have, want) >= 0 && (match[1] === '>=' || have[0] === want[0]);
  });
}

/** One line for a Node too old (or between supported lines) for the bundle; undefined when it is supported. */
export function unsupportedNodeMessage(version = process.versions.node): string | undefined {
  if (nodeVersionSatisfies(version, SUPPORTED_NODE)) return undefined;
  return `thidua-bot: Node.js ${version} is not supported; it needs ${SUPPORTED_NODE} (docs/OPERATIONS.md, "Install").`;
}
