import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A parsed map is dropped after this long unused: traces come in bursts, and the maps cost megabytes. */
const KEEP_MAPS_MS = 60_000;

/**
 * Stack traces that name src/ files and lines, with the bundle's source maps read only when a trace is first
 * formatted (V8 formats `error.stack` lazily, on first read) and dropped a minute after the last: Node's own
 * source-map support (`--enable-source-maps`, `process.setSourceMapsEnabled`) parses every map at load, which cost
 * 16–25 MB of an idle bot. Does nothing when Node's support is on (NODE_OPTIONS=--enable-source-maps asks for it).
 * Frames outside the bundle, or without a map, are left as V8 writes them.
 */
export function mapStackTracesOnDemand(root = process.cwd()): void {
  if (process.sourceMapsEnabled) return;
  const maps = new Map<string, SourceMap | null>();
  let dropTimer: NodeJS.Timeout | undefined;

  const mapOf = (file: string): SourceMap | null => {
    let map = maps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(file, map);
    }
    clearTimeout(dropTimer);
    dropTimer = setTimeout(() => maps.clear(), KEEP_MAPS_MS).unref();
    return map;
  };

  const frame = (site: NodeJS.CallSite): string => {
    const text = String(site);
    const url = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!url?.startsWith('file://') || line === null || column === null) return text;
    const file = fileURLToPath(url);
    const entry = mapOf(file)?.findEntry(line - 1, column - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return text;
    const source = relative(root, resolve(dirname(file), entry.originalSource));
    return text.replace(`${url}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
  };

  Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]) => {
    let header: string;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = 'Error';
    }
    return header + sites.map((site) => `\n    at ${frame(site)}`).join('');
  };
}
