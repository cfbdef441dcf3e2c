import { describe, expect, it } from 'vitest';
import { createInitDataCheck } from '../../../src/features/app/init-data';
import { initDataFor, signInitData, TEST_BOT_TOKEN } from './sign-init-data';

const NOW = new Date('2026-12-09T03:00:00Z');
const USER = { id: 7001, first_name: 'An', last_name: 'Nguyễn Văn', username: 'an_pc06', language_code: 'vi' };
const check = createInitDataCheck(TEST_BOT_TOKEN);
const signed = (overrides: Record<string, string> = {}, token = TEST_BOT_TOKEN) =>
  signInitData(
    {
      query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
      user: JSON.stringify(USER),
      auth_date: String(NOW.getTime() / 1000 - 60),
      ...overrides,
    },
    token,
  );
/** Changes one field's value after signing, keeping the hash. */
const tampered = (initData: string, key: string, value: string) => {
  const params = new URLSearchParams(initData);
  params.set(key, value);
  return params.toString();
};

describe("Telegram's init data check", () => {
  it('accepts data Telegram signed and returns the user, auth_date and start_param', () => {
    const result = check(signed({ start_param: 'PC06' }), NOW);
    expect(result).toEqual({
      ok: true,
      value: {
        user: { id: 7001, firstName: 'An', lastName: 'Nguyễn Văn', username: 'an_pc06', languageCode: 'vi' },
        authDate: new Date(NOW.getTime() - 60_000),
        startParam: 'PC06',
      },
    });
  });

  it("accepts the example published with Telegram's algorithm (an independent vector)", () => {
    const user =
      '{"id":279058397,"first_name":"Vladislav","last_name":"Kibenko","username":"vdkfrost","language_code":"ru","is_premium":true}';
    const initData = new URLSearchParams({
      query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
      user,
      auth_date: '1662771648',
      hash: 'c501b71e775f74ce10e377dea85a7ea24ecd640b223ea86dfe453e0eaed2e2b2',
    }).toString();
    const result = createInitDataCheck('5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8')(
      initData,
      new Date(1662771648_000 + 5_000),
    );
    expect(result.ok && result.value.user).toMatchObject({ id: 279058397, firstName: 'Vladislav', languageCode: 'ru' });
  });

  it('signs every field, the signature field of third-party validation included', () => {
    expect(check(signed({ signature: 'abc', chat_type: 'sender' }), NOW).ok).toBe(true);
    expect(check(tampered(signed({ signature: 'abc' }), 'signature', 'abd'), NOW)).toEqual({
      ok: false,
      error: { kind: 'badSignature' },
    });
  });

  it.each([
    ['user', JSON.stringify({ ...USER, id: 9001 })],
    ['auth_date', String(NOW.getTime() / 1000)],
    ['query_id', 'AAHdF6IQAAAAAN0XohDhrOrd'],
  ])('refuses data whose %s was changed after signing', (key, value) => {
    expect(check(tampered(signed(), key, value), NOW)).toEqual({ ok: false, error: { kind: 'badSignature' } });
  });

  it('refuses a field added after signing', () => {
    expect(check(`${signed()}&start_param=CAT`, NOW)).toEqual({ ok: false, error: { kind: 'badSignature' } });
  });

  it("refuses data signed with another bot's token", () => {
    expect(check(signed({}, '987654321:AAF-another-bot'), NOW)).toEqual({ ok: false, error: { kind: 'badSignature' } });
  });

  it('refuses auth_date older than the maximum age, and accepts it just inside', () => {
    const hourAgo = String(NOW.getTime() / 1000 - 3600);
    expect(check(signed({ auth_date: hourAgo }), NOW).ok).toBe(true);
    expect(check(signed({ auth_date: hourAgo }), new Date(NOW.getTime() + 1000))).toEqual({
      ok: false,
      error: { kind: 'expired' },
    });
    const shortLived = createInitDataCheck(TEST_BOT_TOKEN, 300);
    expect(shortLived(signed({ auth_date: String(NOW.getTime() / 1000 - 301) }), NOW)).toEqual({
      ok: false,
      error: { kind: 'expired' },
    });
  });

  it('refuses auth_date far in the future (beyond a few minutes of clock skew)', () => {
    expect(check(signed({ auth_date: String(NOW.getTime() / 1000 + 120) }), NOW).ok).toBe(true);
    expect(check(signed({ auth_date: String(NOW.getTime() / 1000 + 3600) }), NOW)).toEqual({
      ok: false,
      error: { kind: 'expired' },
    });
  });

  it('refuses a key given twice, even when one of the values is the signed one', () => {
    const initData = signed();
    expect(check(`${initData}&user=${encodeURIComponent(JSON.stringify({ ...USER, id: 9001 }))}`, NOW)).toEqual({
      ok: false,
      error: { kind: 'malformed' },
    });
    expect(check(`auth_date=1&${initData}`, NOW)).toEqual({ ok: false, error: { kind: 'malformed' } });
    expect(check(`${initData}&hash=${new URLSearchParams(initData).get('hash')}`, NOW)).toEqual({
      ok: false,
      error: { kind: 'malformed' },
    });
  });

  it.each([
    ['an empty hash', (data: string) => tampered(data, 'hash', '')],
    ['no hash', (data: string) => data.replace(/&?hash=[0-9a-f]+/, '')],
    ['a hash that is not 64 hex digits', (data: string) => tampered(data, 'hash', 'zz'.repeat(32))],
  ])('refuses %s as malformed', (_, change) => {
    expect(check(change(signed()), NOW)).toEqual({ ok: false, error: { kind: 'malformed' } });
  });

  it('refuses empty init data as missing', () => {
    expect(check('', NOW)).toEqual({ ok: false, error: { kind: 'missing' } });
  });

  it('refuses signed data without a user, or with a user that is not one', () => {
    const withoutUser = signInitData({ query_id: 'x', auth_date: String(NOW.getTime() / 1000) });
    expect(check(withoutUser, NOW)).toEqual({ ok: false, error: { kind: 'noUser' } });
    for (const user of ['not json', '{"first_name":"An"}', '{"id":"7001","first_name":"An"}', '[]']) {
      expect(check(signed({ user }), NOW)).toEqual({ ok: false, error: { kind: 'noUser' } });
    }
  });

  it('refuses signed data without a valid auth_date', () => {
    expect(check(signed({ auth_date: 'yesterday' }), NOW)).toEqual({ ok: false, error: { kind: 'malformed' } });
    const withoutDate = signInitData({ user: JSON.stringify(USER) });
    expect(check(withoutDate, NOW)).toEqual({ ok: false, error: { kind: 'malformed' } });
  });

  it('reads the helper initDataFor as Telegram would send it', () => {
    const result = check(initDataFor({ id: 1, first_name: 'A' }, { authDate: NOW, startParam: 'CAT' }), NOW);
    expect(result.ok && result.value.startParam).toBe('CAT');
  });
});
