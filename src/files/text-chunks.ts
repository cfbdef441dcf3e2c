/** Bytes gathered before they are handed on (256 KiB): a stream or a compressor sees few, large writes. */
export const CHUNK = 1 << 18;
/** Buffers kept for use again: as many as are usually on their way to the file at once. */
const SPARE = 4;

/**
 * Text encoded as UTF-8 straight into a buffer as it comes, handed to `send` a buffer at a time: one write per
 * 256 KiB instead of one per row, and no joined strings. A text larger than the buffer goes on its own. What is
 * sent is the bytes in order; where one buffer ends (inside a row or not) changes nothing in the file.
 */
export function textChunks(send: (bytes: Buffer, done: () => void) => void) {
  /** Buffers handed on and given back (`done`: written or compressed), used again rather than allocated. */
  const spare: Buffer[] = [];
  let buffer: Buffer = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const none = () => {};
  return {
    write(text: string): void {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (used + text.length * 3 > CHUNK) this.push();
      if (text.length * 3 > CHUNK) send(Buffer.from(text, 'utf8'), none);
      else used += buffer.write(text, used, 'utf8');
    },
    /** Text known to be ASCII (an XLSX row of shared strings, numbers and dates): copied, not transcoded. */
    writeAscii(text: string): void {
      if (used + text.length > CHUNK) this.push();
      if (text.length > CHUNK) send(Buffer.from(text, 'latin1'), none);
      else used += buffer.write(text, used, 'latin1');
    },
    /** Bytes made before (a CSV field worked out once): copied as they are. */
    bytes(bytes: Uint8Array): void {
      if (used + bytes.length > CHUNK) this.push();
      if (bytes.length > CHUNK) send(Buffer.from(bytes), none);
      else {
        buffer.set(bytes, used);
        used += bytes.length;
      }
    },
    /** One byte (an ASCII separator). */
    byte(code: number): void {
      if (used === CHUNK) this.push();
      buffer[used++] = code;
    },
    /** Hands on what is gathered (before a drain, and at the end). */
    push(): void {
      if (used === 0) return;
      const full = buffer;
      send(full.subarray(0, used), () => {
        if (spare.length < SPARE) spare.push(full);
      });
      buffer = spare.pop() ?? Buffer.allocUnsafe(CHUNK);
      used = 0;
    },
  };
}
