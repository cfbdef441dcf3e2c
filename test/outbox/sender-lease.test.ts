import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdSenderLease, releaseSenderLease, tokenHashOf } from '../../src/outbox/sender-lease-store';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const T0 = new Date('2026-11-24T02:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const tokenHash = tokenHashOf('123:token');

for (const dialect of DIALECTS) {
  describe(`the sender lease on ${dialect}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(() => store.dispose());
    const hold = (owner: string, seconds: number) =>
      holdSenderLease(store.db, { tokenHash, owner, now: at(seconds), leaseMs: 10_000 });

    it('is held by one owner at a time, renewed by it, and taken over once it expires', async () => {
      expect(await hold('a', 0)).toBe(true);
      expect(await hold('b', 1)).toBe(false);
      expect(await hold('a', 5)).toBe(true);
      expect(await hold('b', 14)).toBe(false);
      expect(await hold('b', 16)).toBe(true);
      expect(await hold('a', 17)).toBe(false);
    });

    it('given up, is free for another at once', async () => {
      expect(await hold('a', 0)).toBe(true);
      await releaseSenderLease(store.db, { tokenHash, owner: 'b' });
      expect(await hold('b', 1)).toBe(false);
      await releaseSenderLease(store.db, { tokenHash, owner: 'a' });
      expect(await hold('b', 1)).toBe(true);
    });

    it('asked for by many at once, goes to exactly one', async () => {
      const owners = Array.from({ length: 8 }, (_, i) => `owner-${i}`);
      const granted = await Promise.all(owners.map((owner) => hold(owner, 0)));
      expect(granted.filter(Boolean)).toHaveLength(1);
    });

    it('names the token by a hash, never the token', () => {
      expect(tokenHash).not.toContain('token');
      expect(tokenHash).toHaveLength(32);
    });
  });
}
