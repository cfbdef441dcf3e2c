import type { BuildOptions, BuildResult } from 'esbuild';

export const ROOT: string;
export const DIST: string;
export const ENTRY_POINTS: readonly string[];
export const EXTERNAL: readonly string[];
export function bundleOptions(outdir: string): BuildOptions & { metafile: true };
export function buildDist(options?: { quiet?: boolean }): Promise<BuildResult<{ metafile: true }>>;
