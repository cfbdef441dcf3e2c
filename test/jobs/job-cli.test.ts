import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJobCli } from '../../src/cli/run-job-cli';
import { outboxCounts } from '../../src/outbox/outbox-store';
import { holdSenderLease, SENDER_LEASE_MS, tokenHashOf } from '../../src/outbox/sender-lease-store';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';
import { dung, setUpWeek, team } from '../helpers/weekly';

/** Monday 30/11/2026 10:00 in Vietnam. */
const MONDAY_1000 = new Date('2026-11-30T03:00:00Z');

let bot: TestBot;
let out: string[];
let err: string[];
const cli = (...argv: string[]) =>
  runJobCli(argv, {
    config: { ...bot.app.services.config, logLevel: 'silent' },
    clock: bot.clock,
    botApi: bot.api,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });

beforeEach(async () => {
  bot = await startTestBot();
  await setUpWeek(bot);
  bot.clock.set(MONDAY_1000);
  out = [];
  err = [];
});
afterEach(() => bot.close());

describe('npm run job', () => {
  it('--dry-run prints every post of the period and changes nothing', async () => {
    const code = await cli('leaderboard', '--period', '2026-W48', '--dry-run');

    expect(code).toBe(0);
    expect(out[0]).toBe('leaderboard 2026-W48: 4 post(s) (dry run: nothing queued or sent)');
    const printed = out.join('\n');
    for (const chat of [chats.pc06, chats.pc08, chats.province, team])
      expect(printed).toContain(`--- to chat ${chat.id} ---`);
    expect(printed).toContain(
      '🏆 <b>Tổng kết tuần 23/11/2026–29/11/2026</b> (2026-W48)\n<b>Phòng Cảnh sát QLHC về TTXH</b>',
    );
    expect(await outboxCounts(bot.db)).toMatchObject({ pending: 0, sent: 0 });
    expect(bot.api.sentMessages()).toEqual([]);
  });

  it('--dry-run of a reminder whose day has passed says a real run would post nothing', async () => {
    const code = await cli('reminder', '--period', '2026-11-27', '--dry-run');

    expect(code).toBe(0);
    expect(out[0]).toBe('reminder 2026-11-27: 1 post(s) (dry run: nothing queued or sent)');
    expect(out[1]).toBe('stale since 2026-11-27T17:00:00.000Z: a real run would post nothing');
  });

  it('queues and sends the posts, by default for the period the job would report now', async () => {
    const code = await cli('digest');

    expect(code).toBe(0);
    expect(out).toEqual([
      'digest 2026-W48: 2 post(s) planned, 2 newly queued, 2 chart photo(s)',
      'delivered: 4 sent, 0 failed, 0 skipped, 0 to retry',
    ]);
    expect(await outboxCounts(bot.db)).toMatchObject({ sent: 2 });
    // Each digest's chart photo, as the scheduler would have queued it.
    const photos = bot.api.calls.filter((call) => call.method === 'sendPhoto');
    expect(photos.map((call) => call.payload.chat_id).sort()).toEqual(
      bot.api
        .sentMessages()
        .map((payload) => payload.chat_id)
        .sort(),
    );
  });

  it('sends a nomination card a crash left waiting, with its after-sent hook, so its buttons work afterwards', async () => {
    // The bot stored the card (the update's commit) and died before sending it: the card waits in the outbox.
    const deed = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'Em trực xuyên đêm bảo vệ kho' });
    await bot.deliver(deed);
    const nominate = bot.updates.message({
      from: users.binh,
      chat: chats.pc06,
      text: '/khen trực xuyên đêm bảo vệ kho vật chứng',
      replyTo: deed.message,
    });
    await bot.app.handleUpdate(nominate);
    const nomination = () =>
      bot.db
        .selectFrom('nominations')
        .select(['id', 'card_message_id'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    expect(await nomination()).toMatchObject({ id: 3, card_message_id: null });
    expect(bot.api.sentMessages(chats.pc06.id)).toEqual([]);

    const code = await cli('reminder', '--period', '2026-11-27');

    expect(code).toBe(0);
    const cards = bot.api.sentMessages(chats.pc06.id).filter((sent) => String(sent.text).includes('#3'));
    expect(cards).toHaveLength(1);
    const card = bot.api.message(chats.pc06.id, Number((await nomination()).card_message_id))!;
    // The hook ran: the nomination knows its card, so the card's buttons are honoured.
    expect(card.text).toContain('Đề cử khen thưởng #3');
    const pressed = await bot.press(dung, card);
    const alert = pressed.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;
    expect(alert?.text).not.toBe('Nút này không còn hiệu lực.');
    expect(bot.api.message(chats.pc06.id, card.message_id)?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe(
      '👍 Ủng hộ (1)',
    );
  });

  describe("within the token's one send budget (the sender lease)", () => {
    const RUNNING_BOT = 'bot-host:4242:0a1b2c3d';
    const tokenHash = () => tokenHashOf(bot.app.services.config.botToken ?? '');
    const leaseRows = () => bot.db.selectFrom('sender_lease').select(['token_hash', 'owner']).execute();
    const takeLease = (owner: string, now: Date) =>
      holdSenderLease(bot.db, { tokenHash: tokenHash(), owner, now, leaseMs: SENDER_LEASE_MS });

    it('queues but sends nothing while a running bot holds the lease, and names the holder', async () => {
      expect(await takeLease(RUNNING_BOT, new Date())).toBe(true);

      const code = await cli('digest');

      expect(code).toBe(0);
      expect(out).toEqual([
        'digest 2026-W48: 2 post(s) planned, 2 newly queued, 2 chart photo(s)',
        `queued; the running bot (lease holder ${RUNNING_BOT}) sends them`,
      ]);
      expect(await outboxCounts(bot.db)).toMatchObject({ pending: 2, sent: 0 });
      expect(bot.api.sentMessages()).toEqual([]);
      expect(await leaseRows()).toEqual([{ token_hash: tokenHash(), owner: RUNNING_BOT }]);
    });

    it('with nobody holding it, takes the lease, sends, and gives the lease up', async () => {
      const code = await cli('digest');

      expect(code).toBe(0);
      expect(out.at(-1)).toBe('delivered: 4 sent, 0 failed, 0 skipped, 0 to retry');
      expect(await outboxCounts(bot.db)).toMatchObject({ pending: 0, sent: 2 });
      expect(bot.api.sentMessages()).toHaveLength(2);
      expect(await leaseRows()).toEqual([]);
      // Released, not left to expire: a bot takes it at once.
      expect(await takeLease(RUNNING_BOT, new Date())).toBe(true);
    });

    it('takes over a lease its holder let expire (a bot that died) and sends', async () => {
      expect(await takeLease(RUNNING_BOT, new Date(Date.now() - 2 * SENDER_LEASE_MS))).toBe(true);

      const code = await cli('digest');

      expect(code).toBe(0);
      expect(out.at(-1)).toBe('delivered: 4 sent, 0 failed, 0 skipped, 0 to retry');
      expect(await outboxCounts(bot.db)).toMatchObject({ sent: 2 });
      expect(await leaseRows()).toEqual([]);
    });
  });

  it.each([
    [[], 'which job?'],
    [['weekly'], 'which job? got "weekly"'],
    [['digest', '--period', '2026-11-27'], '--period 2026-11-27 does not fit digest'],
    [['reminder', '--period', '2026-W48'], '--period 2026-W48 does not fit reminder'],
    [['leaderboard', '--force'], "Unknown option '--force'"],
    [['leaderboard', 'extra'], 'unexpected arguments: extra'],
  ])('refuses %j with exit code 2 and the usage', async (argv, problem) => {
    const code = await cli(...argv);

    expect(code).toBe(2);
    expect(err.join('\n')).toContain(problem);
    expect(err.at(-1)).toContain('usage: npm run job --');
  });
});
