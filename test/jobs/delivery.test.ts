import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileRenderers, type Renderers } from '../../src/files/renderers';
import { claimDue, enqueueReplies, type OutboxReply } from '../../src/outbox/outbox-store';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';
import { setUpWeek } from '../helpers/weekly';

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
});

/** A bot whose log lines (errors and up) are kept, parsed. */
async function loggingBot(options: { renderers?: Renderers } = {}) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const bot = await startTestBot({ logger: pino({ level: 'error' }, sink), ...options });
  bots.push(bot);
  return { bot, lines };
}

const outgoing = (bot: TestBot) =>
  bot.api.calls.filter((call) => ['sendMessage', 'sendPhoto', 'sendDocument'].includes(call.method));
const refusedCount = async (bot: TestBot, reason: string) => {
  const metric = await bot.app.metrics.registry.getSingleMetric('thidua_outbox_refused_total')?.get();
  return metric?.values.find((value) => value.labels.reason === reason)?.value ?? 0;
};

describe('a row the sender cannot send as stored', () => {
  it('is refused loudly (unknown kind, after-sent hook or renderer): logged, counted, never sent as text', async () => {
    const { bot, lines } = await loggingBot();
    await bot.setUpUnits();
    const now = bot.clock.now();
    // A kind, a hook and a renderer this version does not know: a bug, or rows a newer release wrote.
    await enqueueReplies(
      bot.db,
      '9001',
      [{ kind: 'sticker' as OutboxReply['kind'], chatId: chats.pc06.id, html: 'a sticker from a newer release' }],
      now,
    );
    await enqueueReplies(
      bot.db,
      '9002',
      [
        {
          kind: 'message',
          chatId: chats.pc08.id,
          html: 'a card whose hook nobody registered',
          payload: { afterSent: { kind: 'noSuchHook', id: 7 } },
        },
      ],
      now,
    );
    await enqueueReplies(
      bot.db,
      '9003',
      [
        {
          kind: 'photo',
          chatId: chats.province.id,
          html: 'a chart',
          payload: { photo: { render: { renderer: 'noSuchRenderer', input: {} } } },
        },
      ],
      now,
    );

    const report = await bot.app.drain();

    expect(report).toMatchObject({ claimed: 3, refused: 3, sent: 0, failed: 0 });
    expect(outgoing(bot)).toEqual([]);
    for (const reason of ['unknown_kind', 'unknown_hook', 'unknown_renderer'])
      expect(await refusedCount(bot, reason)).toBe(1);
    expect(
      lines.filter((line) => line.msg === 'outbox row refused').map((line) => [line.level, line.reason, line.detail]),
    ).toEqual([
      [50, 'unknown_kind', 'sticker'],
      [50, 'unknown_hook', 'noSuchHook'],
      [50, 'unknown_renderer', 'noSuchRenderer'],
    ]);
    // Kept, not dropped: looked at again in 15 minutes, when a sender that knows it may hold the lease.
    const rows = await bot.db
      .selectFrom('outbox')
      .select(['status', 'not_before', 'last_error'])
      .orderBy('id')
      .execute();
    expect(rows.slice(-3)).toEqual([
      { status: 'pending', not_before: '2026-11-24T02:15:00.000Z', last_error: 'unknown_kind: sticker' },
      { status: 'pending', not_before: '2026-11-24T02:15:00.000Z', last_error: 'unknown_hook: noSuchHook' },
      { status: 'pending', not_before: '2026-11-24T02:15:00.000Z', last_error: 'unknown_renderer: noSuchRenderer' },
    ]);
  });

  it('fails, counted and logged, when its renderer throws', async () => {
    const broken: Renderers = {
      ...fileRenderers,
      chartPng: async () => {
        throw new Error('resvg could not parse the SVG');
      },
    };
    const { bot, lines } = await loggingBot({ renderers: broken });
    await bot.setUpUnits();
    await bot.send(users.alice, chats.pc06, '/log cccd 5');

    await bot.send(users.alice, chats.pc06, '/chart cccd');

    expect(bot.api.calls.filter((call) => call.method === 'sendPhoto')).toEqual([]);
    expect(await refusedCount(bot, 'render_failed')).toBe(2);
    expect(lines.filter((line) => line.reason === 'render_failed')).toHaveLength(2);
    const photos = await bot.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('kind', '=', 'photo')
      .execute();
    expect(photos).toEqual([
      { status: 'failed', last_error: 'chartPng: Error: resvg could not parse the SVG' },
      { status: 'failed', last_error: 'chartPng: Error: resvg could not parse the SVG' },
    ]);
  });
});

describe('files drawn after the commit', () => {
  it('answers another group’s /me while a /certificate is still being drawn (SQLite)', async () => {
    // The certificate renderer waits at a gate the test opens: nothing here depends on how long a PDF takes.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let drawing = 0;
    const gated: Renderers = {
      ...fileRenderers,
      certificatePdf: async (input) => {
        drawing += 1;
        await gate;
        return fileRenderers.certificatePdf(input);
      },
    };
    const bot = await startTestBot({ dialect: 'sqlite', renderers: gated });
    bots.push(bot);
    await setUpWeek(bot);

    // The command commits without drawing anything: its row names the renderer and its input.
    const certificate = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/certificate 1' });
    bot.api.pushUpdate(certificate);
    await bot.app.handleUpdate(certificate);
    expect(drawing).toBe(0);
    const row = await bot.db
      .selectFrom('outbox')
      .select(['kind', 'status', 'payload'])
      .where('kind', '=', 'document')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(JSON.parse(String(row.payload)).document).toMatchObject({
      filename: 'ban-nhap-khen-thuong-1.pdf',
      render: { renderer: 'certificatePdf', input: { person: 'Nguyễn Văn An (chưa đối chiếu danh sách)' } },
    });

    // The sender takes it and draws it, held at the gate.
    const sending = bot.app.drain();
    await vi.waitFor(() => expect(drawing).toBe(1));

    const me = await bot.send(users.chi, chats.pc08, '/me');

    expect(me.text).toContain('Kết quả của Lê Văn Chí');
    expect(bot.api.calls.filter((call) => call.method === 'sendDocument')).toEqual([]);
    open();
    await sending;
    const documents = bot.api.calls.filter((call) => call.method === 'sendDocument');
    expect(documents.map((call) => call.payload.chat_id)).toEqual([chats.pc06.id]);
    const pdf = Buffer.from((documents[0]!.payload.document as { source: Uint8Array }).source);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('claims under the sender lease', () => {
  it('takes back at once what an earlier holder still had claimed, when it takes the lease', async () => {
    const bot = await startTestBot();
    bots.push(bot);
    await bot.setUpUnits();
    await bot.app.handleUpdate(bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 3' }));
    // A process killed while sending: its claim (made for five minutes, as claims were before) blocks the group.
    const now = bot.clock.now();
    const dead = await claimDue(bot.db, {
      owner: 'old-host:4242:dead',
      now,
      leaseUntil: new Date(now.getTime() + 5 * 60_000),
      limit: 10,
    });
    expect(dead).toHaveLength(1);
    expect(await bot.app.drain()).toMatchObject({ claimed: 0 });

    const sent = await bot.app.deliverDue();

    expect(sent).toMatchObject({ delivered: { claimed: 1, sent: 1 } });
    expect(bot.api.lastSent(chats.pc06.id)?.text).toContain('Tuần');
  });
});

describe('a Bot API outage', () => {
  it('keeps confirmations waiting however long Telegram answers 500, and sends each once when it is back', async () => {
    const bot = await startTestBot();
    bots.push(bot);
    await bot.setUpUnits();
    const failing = { error_code: 500, description: 'Internal Server Error' };
    bot.api.failNext('sendMessage', failing, Number.POSITIVE_INFINITY);
    await bot.app.handleUpdate(bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 1' }));
    await bot.app.handleUpdate(bot.updates.message({ from: users.chi, chat: chats.pc08, text: '/log cccd 2' }));

    // Two virtual hours of 500s (the old limit, 5 claims of 5 tries, gave up after about 2.5 minutes).
    for (let minute = 0; minute < 120; minute += 1) {
      await bot.app.drain();
      bot.clock.advance(60_000);
    }
    const rows = () =>
      bot.db
        .selectFrom('outbox')
        .select(['id', 'chat_id', 'status', 'attempts', 'not_before'])
        .where('kind', '=', 'confirmation')
        .orderBy('id')
        .execute();
    const waiting = await rows();
    expect(waiting.map((row) => row.status)).toEqual(['pending', 'pending']);
    expect(waiting.every((row) => row.attempts > 20)).toBe(true);
    expect(bot.api.sentMessages()).toEqual([]);

    // Telegram answers again. The first row due goes, and its answer brings the other forward from its back-off.
    bot.api.clear();
    const [first, second] = waiting;
    const due = Date.parse(first!.not_before);
    await bot.db
      .updateTable('outbox')
      .set({ not_before: new Date(due + 4 * 60_000).toISOString() })
      .where('id', '=', second!.id)
      .execute();
    bot.clock.set(new Date(due));
    await vi.waitFor(async () => {
      await bot.app.drain();
      expect(bot.api.sentMessages()).toHaveLength(2);
    });
    expect(bot.api.sentMessages().map((sent) => sent.chat_id)).toEqual(
      expect.arrayContaining([chats.pc06.id, chats.pc08.id]),
    );
    expect((await rows()).map((row) => row.status)).toEqual(['sent', 'sent']);
  });
});
