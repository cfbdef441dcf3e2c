export function enginesRange(): string;
export function unsupportedApis(files: readonly { path: string; text: string }[], range: string): Promise<string[]>;
export function bundleFiles(): Promise<{ path: string; text: string }[]>;
