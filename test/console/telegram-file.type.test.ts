import type { Document as GrammyDocument, File as GrammyFile, PhotoSize as GrammyPhotoSize } from '@grammyjs/types';
import { describe, expectTypeOf, it } from 'vitest';
import type { TelegramDocument, TelegramFile, TelegramPhotoSize } from '../../src/console/telegram-file';

// The fake's files must read as grammY's hand-written Bot API types do.
describe('the fake Bot API file types fit @grammyjs/types', () => {
  it('Document, PhotoSize, File', () => {
    expectTypeOf<TelegramDocument>().toExtend<GrammyDocument>();
    expectTypeOf<TelegramPhotoSize>().toExtend<GrammyPhotoSize>();
    expectTypeOf<TelegramFile>().toExtend<GrammyFile>();
    expectTypeOf<{ file_id: string }>().not.toExtend<GrammyDocument>();
  });
});
