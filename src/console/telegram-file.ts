import { createHash } from 'node:crypto';
import { extname } from 'node:path';

// The shapes of the Bot API's file objects (grammY's Document, PhotoSize and File; test/console checks they fit).

/** A general file in a message: what `message.document` carries. */
export interface TelegramDocument {
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly file_name?: string;
  readonly mime_type?: string;
  readonly file_size?: number;
}

/** One size of a photo: `message.photo` is an array of them. */
export interface TelegramPhotoSize {
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly width: number;
  readonly height: number;
  readonly file_size?: number;
}

/** What getFile answers: `file_path` is downloaded from `<api root>/file/bot<token>/<file_path>`. */
export interface TelegramFile {
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly file_size?: number;
  readonly file_path?: string;
}

/** Telegram serves files up to this size through getFile; bigger ones it refuses with "file is too big". */
export const MAX_DOWNLOAD_BYTES = 20 << 20;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.zip': 'application/zip',
};

/** The MIME type a Telegram client sends with a file of this name (by its extension). */
export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Same bytes, same unique id, as Telegram's file_unique_id stays the same for the same file. */
export const uniqueIdOf = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('base64url').slice(0, 16);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether the bytes are a PNG image (the bot's charts are). */
export const isPng = (bytes: Uint8Array): boolean =>
  bytes.length >= 24 && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);

/** A PNG's width and height from its header; 0 × 0 for anything else (Telegram would have measured it). */
export function imageSizeOf(bytes: Uint8Array): { width: number; height: number } {
  if (!isPng(bytes)) return { width: 0, height: 0 };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
