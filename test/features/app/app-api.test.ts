import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webAppRoutes } from '../../../src/app';
import type {
  ApiErrorBody,
  Me,
  MetricView,
  NominationsWaiting,
  Overview,
  ReportView,
} from '../../../src/features/app/api-types';
import { createLogger } from '../../../src/logger';
import { type HttpServer, startHttpServer } from '../../../src/telegram/http-server';
import type { Message, User } from '../../../src/telegram/update-schema';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { chats, users } from '../../helpers/updates';
import { initDataFor, signInitData, type TestUser } from './sign-init-data';

/** The token startTestBot's bot runs with: the init data Telegram would give its Mini App is signed with it. */
const BOT_TOKEN = '123456789:TEST_token_for_local_runs_only';
const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;
const REASON = 'hiến máu cứu người bị tai nạn giao thông';

let bot: TestBot;
let server: HttpServer;
let base: string;
let unitIds: Record<string, number>;

beforeEach(async () => {
  bot = await startTestBot({
    env: { PUBLIC_URL: 'https://bot.example.org', PORT: '8080', MINIAPP_SHORT_NAME: 'bang' },
  });
  await bot.setUpUnits();
  await bot.appointCommander(dung, chats.pc06);
  // Tuesday: this week so far.
  await bot.send(users.alice, chats.pc06, '/log cccd 5');
  await bot.send(users.binh, chats.pc06, '/log cccd 7');
  await bot.send(users.chi, chats.pc08, '/log dkoto 3');
  bot.api.clear();
  const units = await bot.db.selectFrom('units').select(['id', 'code']).execute();
  unitIds = Object.fromEntries(units.map((unit) => [unit.code, unit.id]));
  // The real server, with the routes the app mounts on it.
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('silent'),
    metrics: bot.app.metrics,
    health: async () => ({ ok: true }),
    routes: webAppRoutes(bot.app.webApp!),
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await server.close();
  await bot.close();
});

const asTestUser = (user: User): TestUser => ({
  id: user.id,
  first_name: user.first_name,
  ...(user.last_name !== undefined && { last_name: user.last_name }),
});
const initData = (user: User, authDate = bot.clock.now()) =>
  initDataFor(asTestUser(user), { authDate, botToken: BOT_TOKEN });
const headers = (user: User, authDate?: Date) => ({ authorization: `tma ${initData(user, authDate)}` });

async function get<T>(path: string, user: User | Record<string, string>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, { headers: 'id' in user ? headers(user as User) : user });
  return { status: response.status, body: (await response.json()) as T };
}
async function post<T>(path: string, user: User, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...headers(user), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
const figure = (rows: Overview['total'], metric: string) => rows.find((row) => row.metric === metric);

describe('authentication by Telegram’s signed init data', () => {
  it('answers a commander whose init data is signed with the bot’s token', async () => {
    const { status, body } = await get<Me>('/api/me', dung);

    expect(status).toBe(200);
    expect(body.userId).toBe(dung.id);
    expect(body.scopes).toEqual([
      { unit: { id: unitIds.PC06, code: 'PC06', name: 'Phòng Cảnh sát QLHC về TTXH' }, role: 'commander' },
    ]);
    expect(body.home).toBe(unitIds.PC06);
    expect(body.admin).toBe(false);
  });

  it('answers 401 to init data missing, tampered with, signed for another bot, or older than MINIAPP_MAX_AGE', async () => {
    const good = initData(dung);
    const tampered = good.replace(encodeURIComponent(String(dung.id)), encodeURIComponent(String(users.admin.id)));
    expect(tampered).not.toBe(good);
    const otherBot = initDataFor(asTestUser(dung), {
      authDate: bot.clock.now(),
      botToken: '987654321:ANOTHER_bot_token_of_someone_else',
    });
    const old = initData(dung, new Date(bot.clock.now().getTime() - 3601_000));
    const fresh = initData(dung, new Date(bot.clock.now().getTime() - 3500_000));

    const kinds: string[] = [];
    for (const header of [{}, { authorization: `tma ${tampered}` }, { authorization: `tma ${otherBot}` }] as Record<
      string,
      string
    >[]) {
      const { status, body } = await get<ApiErrorBody>('/api/me', header);
      expect(status).toBe(401);
      kinds.push(body.error.kind);
    }
    const expired = await get<ApiErrorBody>('/api/me', { authorization: `tma ${old}` });
    const stillFresh = await get<Me>('/api/me', { authorization: `tma ${fresh}` });

    expect(kinds).toEqual(['auth.missing', 'auth.invalid', 'auth.invalid']);
    expect(expired.status).toBe(401);
    expect(expired.body.error.kind).toBe('auth.expired');
    expect(stillFresh.status).toBe(200);
  });

  it('refuses init data without a user, though signed', async () => {
    const noUser = signInitData({ auth_date: String(Math.floor(bot.clock.now().getTime() / 1000)) }, BOT_TOKEN);
    const { status } = await get<ApiErrorBody>('/api/me', { authorization: `tma ${noUser}` });

    expect(status).toBe(401);
  });
});

describe('who sees what', () => {
  it('shows a commander their unit’s figures, its own entries and its silent units, and 403 for another unit', async () => {
    const home = await get<Overview>('/api/overview', dung);
    const other = await get<ApiErrorBody>(`/api/overview/${unitIds.PC08}`, dung);
    const above = await get<ApiErrorBody>(`/api/overview/${unitIds.CAT}`, dung);
    const metric = await get<ApiErrorBody>(`/api/units/${unitIds.PC08}/metrics/dkoto`, dung);
    const report = await get<ApiErrorBody>(`/api/units/${unitIds.PC08}/report?period=tuan`, dung);

    expect(home.status).toBe(200);
    expect(home.body.unit.code).toBe('PC06');
    expect(figure(home.body.total, 'cccd')).toMatchObject({ week: 12, month: 12, previousWeek: 0 });
    expect(figure(home.body.total, 'dkoto')).toBeUndefined();
    expect(home.body.path).toEqual([]);
    for (const refused of [other, above, metric, report]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.kind).toBe('app.forbidden');
    }
  });

  it('shows an officer their own unit, and nothing else', async () => {
    const me = await get<Me>('/api/me', users.alice);
    const own = await get<Overview>(`/api/overview/${unitIds.PC06}`, users.alice);
    const other = await get<ApiErrorBody>(`/api/overview/${unitIds.PC08}`, users.alice);

    expect(me.body.scopes.map((scope) => [scope.unit.code, scope.role])).toEqual([['PC06', 'member']]);
    expect(own.status).toBe(200);
    expect(other.status).toBe(403);
  });

  it('shows an admin everything: the province rolls up its departments, each opening on its own', async () => {
    const team = { id: -1001000000084, type: 'supergroup', title: 'Đội Đăng ký xe' } as const;
    await bot.send(users.admin, team, '/register PC08-DK');
    const me = await get<Me>('/api/me', users.admin);
    const province = await get<Overview>('/api/overview', users.admin);
    const pc08 = await get<Overview>(`/api/overview/${unitIds.PC08}`, users.admin);

    expect(me.body.admin).toBe(true);
    expect(me.body.scopes.map((scope) => [scope.unit.code, scope.role])).toEqual([['CAT', 'admin']]);
    expect(province.body.unit.code).toBe('CAT');
    expect(figure(province.body.total, 'cccd')?.week).toBe(12);
    expect(figure(province.body.total, 'dkoto')?.week).toBe(3);
    expect(province.body.children.map((row) => [row.unit.code, row.figures.map((f) => [f.metric, f.week])])).toEqual([
      ['PC06', [['cccd', 12]]],
      ['PC08', [['dkoto', 3]]],
    ]);
    // The team has a group and logged nothing; the province and the departments count what is under them.
    expect(province.body.silentUnits.map((unit) => unit.code)).toEqual(['PC08-DK']);
    expect(pc08.status).toBe(200);
    expect(pc08.body.path.map((unit) => unit.code)).toEqual(['CAT']);
  });

  it('answers 404 for a unit or a metric that does not exist', async () => {
    expect((await get<ApiErrorBody>('/api/overview/999', users.admin)).status).toBe(404);
    expect((await get<ApiErrorBody>(`/api/units/${unitIds.PC06}/metrics/nothing`, users.admin)).status).toBe(404);
  });

  it('ranks the sub-units and draws the trend from the same totals', async () => {
    const { status, body } = await get<MetricView>(
      `/api/units/${unitIds.CAT}/metrics/cccd?weeks=8&period=week`,
      users.admin,
    );

    expect(status).toBe(200);
    expect(body.trend).toHaveLength(8);
    expect(body.trend.at(-1)?.total).toBe(12);
    expect(body.trend.slice(0, -1).every((point) => point.total === 0)).toBe(true);
    expect(body.ranking.rows.map((row) => [row.unit.code, row.rank, row.total])).toEqual([
      ['PC06', 1, 12],
      ['PC08', 2, 0],
    ]);
    expect(body.ranking.own).toBe(0);
  });

  it('gives the /baocao paragraph as plain text, and 400 for a period /baocao refuses', async () => {
    const report = await get<ReportView>(`/api/units/${unitIds.PC06}/report?period=tuan`, dung);
    const bad = await get<ApiErrorBody>(`/api/units/${unitIds.PC06}/report?period=someday`, dung);

    expect(report.status).toBe(200);
    expect(report.body.totals.map((row) => [row.metric.code, row.total])).toEqual([['cccd', 12]]);
    expect(report.body.paragraph).toContain('12');
    expect(report.body.paragraph).not.toMatch(/<[a-z]/);
    expect(bad.status).toBe(400);
    expect(bad.body.error.kind).toBe('report.badPeriod');
  });
});

describe('nominations decided in the app', () => {
  async function nominateAlice(): Promise<Message> {
    const source = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'Em vừa hiến máu ở bệnh viện' });
    await bot.deliver(source);
    const answer = await bot.send(users.binh, chats.pc06, `/khen ${REASON}`, { replyTo: source.message });
    const card = answer.sent.find((message) => message.chat.id === chats.pc06.id);
    if (!card) throw new Error('no card');
    return card;
  }

  it('lists what waits for the commander with the card’s choices, and a decision edits the card in the group', async () => {
    const card = await nominateAlice();
    bot.api.clear();

    const waiting = await get<NominationsWaiting>('/api/nominations', dung);
    expect(waiting.status).toBe(200);
    const [nomination] = waiting.body.nominations;
    expect(nomination).toMatchObject({ nominee: 'Nguyễn Văn An', nominator: 'Trần Thị Bình', reason: REASON });
    expect(nomination?.actions).toEqual([
      { kind: 'decide', level: 'bieuduong' },
      { kind: 'recommend', level: 'giaykhen' },
      { kind: 'recommend', level: 'bangkhen' },
      { kind: 'reject' },
    ]);
    expect((await get<Me>('/api/me', dung)).body.waitingNominations).toBe(1);

    const decided = await post<{ status: string; level: string }>(`/api/nominations/${nomination!.id}/decide`, dung, {
      level: 'bieuduong',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', level: 'bieuduong' });
    await bot.app.drain();

    const edits = bot.api.calls.filter((call) => call.method === 'editMessageText');
    expect(edits.map((call) => [call.payload.chat_id, call.payload.message_id])).toContainEqual([
      chats.pc06.id,
      card.message_id,
    ]);
    expect(bot.api.message(card.chat.id, card.message_id)?.text).toContain('Phạm Văn Dũng');
    const stored = await bot.db.selectFrom('nominations').select(['status', 'level']).executeTakeFirst();
    expect(stored).toEqual({ status: 'approved', level: 'bieuduong' });

    const again = await post<ApiErrorBody>(`/api/nominations/${nomination!.id}/decide`, dung, { level: 'bieuduong' });
    expect(again.status).toBe(409);
    expect((await get<NominationsWaiting>('/api/nominations', dung)).body.nominations).toEqual([]);
  });

  it('refuses a level above the commander (403), a short reason (400), and someone outside the chain (403)', async () => {
    await nominateAlice();
    const [nomination] = (await get<NominationsWaiting>('/api/nominations', dung)).body.nominations;
    const id = nomination!.id;

    const above = await post<ApiErrorBody>(`/api/nominations/${id}/decide`, dung, { level: 'giaykhen' });
    const short = await post<ApiErrorBody>(`/api/nominations/${id}/reject`, dung, { reason: 'không' });
    const outsider = await post<ApiErrorBody>(`/api/nominations/${id}/decide`, users.chi, { level: 'bieuduong' });
    const unknown = await post<ApiErrorBody>('/api/nominations/99/decide', dung, { level: 'bieuduong' });

    expect([above.status, short.status, outsider.status, unknown.status]).toEqual([403, 400, 403, 404]);
    expect(short.body.error.message).toContain('10');
    const stored = await bot.db.selectFrom('nominations').select(['status']).executeTakeFirst();
    expect(stored?.status).toBe('pending');
  });

  it('rejects with a reason, as /tuchoi does: the card says so', async () => {
    const card = await nominateAlice();
    const [nomination] = (await get<NominationsWaiting>('/api/nominations', dung)).body.nominations;

    const rejected = await post<{ status: string }>(`/api/nominations/${nomination!.id}/reject`, dung, {
      reason: 'Chưa đủ căn cứ xác minh sự việc',
    });
    await bot.app.drain();

    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(bot.api.message(card.chat.id, card.message_id)?.text).toContain('Phạm Văn Dũng');
  });
});

describe('exports requested from the app', () => {
  it('sends the XLSX and the CSV to the commander’s private chat, and refuses an officer (403)', async () => {
    await bot.send(dung, chats.private(dung), '/start');
    bot.api.clear();

    const queued = await post<{ formats: string[]; period: { from: string } }>(
      `/api/units/${unitIds.PC06}/export`,
      dung,
      { period: 'tuan' },
    );
    await bot.app.drain();
    await bot.app.drain();
    const documents = bot.api.calls
      .filter((call) => call.method === 'sendDocument')
      .map((call) => [call.payload.chat_id, (call.payload.document as { filename: string }).filename]);
    const officer = await post<ApiErrorBody>(`/api/units/${unitIds.PC06}/export`, users.alice, { period: 'tuan' });

    expect(queued.status).toBe(202);
    expect(queued.body.formats).toEqual(['xlsx', 'csv']);
    expect(documents).toEqual([
      [dung.id, 'thidua-PC06-2026-11-23-2026-11-29.xlsx'],
      [dung.id, 'thidua-PC06-2026-11-23-2026-11-29.csv'],
    ]);
    expect(officer.status).toBe(403);
  });
});

describe('mounted on the bot’s HTTP server', () => {
  it('serves /app and /api/ and leaves other paths to the server', async () => {
    const redirect = await fetch(`${base}/app`, { redirect: 'manual' });
    const unknownApi = await fetch(`${base}/api/nothing`, { headers: headers(dung) });
    const elsewhere = await fetch(`${base}/somewhere`);

    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/app/');
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as ApiErrorBody).error.kind).toBe('app.notFound');
    expect(elsewhere.status).toBe(404);
  });
});

describe('/dashboard', () => {
  it('answers in private with a web_app button to PUBLIC_URL + /app/', async () => {
    const answer = await bot.send(dung, chats.private(dung), '/bangdieukhien');
    // As the bot asked Telegram for it (the console's fake Bot API does not take web_app buttons yet).
    const call = answer.calls.find((each) => each.method === 'sendMessage' && each.payload.chat_id === dung.id);
    const markup = call?.payload.reply_markup;
    const keyboard = (typeof markup === 'string' ? JSON.parse(markup) : markup) as {
      inline_keyboard: { text: string; web_app?: { url: string } }[][];
    };

    expect(String(call?.payload.text)).toContain('Bảng điều khiển thi đua');
    expect(keyboard.inline_keyboard[0]?.[0]?.web_app?.url).toBe('https://bot.example.org/app/');
  });

  it('answers in a group with the direct link opening on the group’s unit', async () => {
    const answer = await bot.send(dung, chats.pc06, '/dashboard');
    const button = answer.sent[0]?.reply_markup?.inline_keyboard[0]?.[0] as { url?: string };

    expect(button?.url).toBe(`https://t.me/${users.bot.username}/bang?startapp=${unitIds.PC06}`);
    expect(answer.text).toContain('Phòng Cảnh sát QLHC về TTXH');
  });

  it('opens the overview on the direct link’s unit when the caller may see it', async () => {
    const start = initDataFor(asTestUser(users.admin), {
      authDate: bot.clock.now(),
      botToken: BOT_TOKEN,
      startParam: String(unitIds.PC08),
    });
    const me = await get<Me>('/api/me', { authorization: `tma ${start}` });
    const overview = await get<Overview>('/api/overview', { authorization: `tma ${start}` });

    expect(me.body.home).toBe(unitIds.PC08);
    expect(overview.body.unit.code).toBe('PC08');
  });
});

describe('the started bot', () => {
  /** A port free a moment ago (PORT takes 1-65535, not 0). */
  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });

  it('serves the app on PORT beside /healthz and sets the private chats’ menu button to open it', async () => {
    const port = await freePort();
    const started = await startTestBot({
      env: { PUBLIC_URL: 'https://bot.example.org/', PORT: String(port), HTTP_HOST: '127.0.0.1' },
    });
    try {
      await started.app.start();
      const me = await fetch(`http://127.0.0.1:${port}/api/me`, {
        headers: {
          authorization: `tma ${initDataFor(asTestUser(dung), { authDate: started.clock.now(), botToken: BOT_TOKEN })}`,
        },
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      const menu = started.api.calls.find((call) => call.method === 'setChatMenuButton');

      expect(started.app.httpPort).toBe(port);
      expect(me.status).toBe(200);
      expect(((await me.json()) as Me).userId).toBe(dung.id);
      expect(health.status).toBe(200);
      expect(menu?.payload).toEqual({
        menu_button: { type: 'web_app', text: 'Bảng điều khiển', web_app: { url: 'https://bot.example.org/app/' } },
      });
    } finally {
      await started.close();
    }
  });
});

describe('/dashboard without PUBLIC_URL', () => {
  it('says the app is not configured', async () => {
    const plain = await startTestBot();
    try {
      const answer = await plain.send(dung, chats.private(dung), '/dashboard');
      expect(answer.text).toContain('chưa được bật');
      expect(answer.sent[0]?.reply_markup).toBeUndefined();
      expect(plain.app.webApp).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
