import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/texts';
import { MAX_EXPORT_BYTES } from '../../../src/workers/export-worker';

describe('the "too large" export text', () => {
  it.each(['vi', 'en'] as const)('states the limit the worker applies (%s)', (locale) => {
    const text = t(locale, 'export.tooLarge', { megabytes: MAX_EXPORT_BYTES / 2 ** 20 });
    expect(text).toContain(`${MAX_EXPORT_BYTES / 2 ** 20} MB`);
    expect(text).not.toContain('50 MB');
  });
});
