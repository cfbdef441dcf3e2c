/** Bytes gathered before they are handed on (256 KiB): a stream or a compressor sees few, large writes. */
export const CHUNK = 1 << 18;

/**
 * Text encoded as UTF-8 straight into a buffer as it comes, handed to `send` a buffer at a time: one write per
 * 256 KiB instead of one per row, and no joined strings. A text larger than the buffer goes on its own.
 */
export function textChunks(send: (bytes: Buffer) => void) {
  let buffer = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  return {
    write(text: string): void {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (used + text.length * 3 > CHUNK) this.push();
      if (text.length * 3 > CHUNK) send(Buffer.from(text, 'utf8'));
      else used += buffer.write(text, used, 'utf8');
    },
    /** Hands on what is gathered (before a drain, and at the end). */
    push(): void {
      if (used === 0) return;
      send(buffer.subarray(0, used));
      buffer = Buffer.allocUnsafe(CHUNK);
      used = 0;
    },
  };
}
