import type { Config } from '../../src/config';
import { insertUnit } from '../../src/directory/unit-store';
import type { JobDeps } from '../../src/features/weekly/weekly-jobs';
import { createLogger } from '../../src/logger';
import type { Message, NonChannelChat, User } from '../../src/telegram/update-schema';
import { outboxJobDeps } from '../../src/workers/scheduler';
import { startTestBot, type TestBot } from './test-bot';
import { asMessage, chats, users } from './updates';

export const silent = createLogger('silent');

/** Commanders of the fixture: Dũng of PC06, Em of the province (CAT). */
export const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;
export const em = { id: 1005, is_bot: false, first_name: 'Hoàng Thị Em' } satisfies User;
/** The group of PC08-DK, the team under PC08: it never logs. */
export const team = { id: -1001000000081, type: 'supergroup', title: 'Đội Đăng ký' } as const satisfies NonChannelChat;

/** Monday 30/11/2026 in Vietnam: 07:30 (digest) and 08:00 (leaderboard); Friday 27/11 15:00 (reminder). */
export const MONDAY_0730 = new Date('2026-11-30T00:30:00Z');
export const MONDAY_0800 = new Date('2026-11-30T01:00:00Z');
export const FRIDAY_1500 = new Date('2026-11-27T08:00:00Z');

/**
 * The jobs of a test bot, queueing into its outbox with the chart photos as the app does; `config`
 * overrides settings for this call only.
 */
export function jobDepsOf(bot: TestBot, config: Partial<Config> = {}): JobDeps {
  return outboxJobDeps({
    db: bot.db,
    config: { ...bot.app.services.config, ...config },
    logger: silent,
  });
}

/** Delivers everything due in the outbox through the bot's transport, as the worker would; returns what was sent. */
export async function deliverDue(bot: TestBot): Promise<Message[]> {
  const sent: Message[] = [];
  const unsubscribe = bot.api.onCall((call, outcome) => {
    if (call.method === 'sendMessage' && outcome.ok) sent.push(asMessage(outcome.result));
  });
  try {
    await bot.app.drain();
  } finally {
    unsubscribe();
  }
  return sent;
}

/** The text of the message sent to `chatId`, or undefined. */
export const textTo = (sent: readonly Message[], chatId: number): string | undefined =>
  sent.find((message) => message.chat.id === chatId)?.text;

/**
 * Units CAT → PC06, PC08 → PC08-DK, each with a group; Dũng commands PC06, Em the province. On Tuesday 24/11/2026
 * (week 2026-W48) PC06 and PC08 log this week and, backdated, the week before (W47); PC08-DK logs nothing. An
 * approved Giấy khen for An, and a nomination of Bình waiting for a decision.
 */
export async function setUpWeek(bot: TestBot): Promise<void> {
  // The units of bot.setUpUnits, stored directly: four /unit replies in one private chat would wait out its limit.
  const now = bot.clock.now();
  for (const [code, name, parent] of [
    ['CAT', 'Công an tỉnh Lạng Sơn', undefined],
    ['PC06', 'Phòng Cảnh sát QLHC về TTXH', 'CAT'],
    ['PC08', 'Phòng Cảnh sát Giao thông', 'CAT'],
    ['PC08-DK', 'Đội Đăng ký xe', 'PC08'],
  ] as const) {
    const parentRow =
      parent && (await bot.db.selectFrom('units').select('id').where('code', '=', parent).executeTakeFirst());
    await insertUnit(bot.db, { code, name, parentId: parentRow ? parentRow.id : null }, now);
  }
  bot.app.services.directory.forget('units');
  for (const [chat, code] of [
    [chats.pc06, 'PC06'],
    [chats.pc08, 'PC08'],
    [chats.province, 'CAT'],
    [team, 'PC08-DK'],
  ] as const) {
    await bot.send(users.admin, chat, `/register ${code}`);
  }
  await bot.appointCommander(dung, chats.pc06);
  await bot.appointCommander(em, chats.province);
  await bot.send(users.alice, chats.pc06, '/log cccd 100 18/11');
  await bot.send(users.chi, chats.pc08, '/log cccd 50 18/11');
  await bot.send(users.alice, chats.pc06, '/log cccd 112 dkoto 5');
  await bot.send(users.binh, chats.pc06, '/log cccd 30');
  await bot.send(users.chi, chats.pc08, '/log cccd 200');

  const deed = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'Em vừa hiến máu ở bệnh viện' });
  await bot.deliver(deed);
  const card = (
    await bot.send(users.binh, chats.pc06, '/khen hiến máu cứu người bị tai nạn', { replyTo: deed.message })
  ).sent.find((message) => message.chat.id === chats.pc06.id);
  if (!card) throw new Error('no nomination card');
  // Giấy khen is the root's to decide (COMMENDATION_LEVELS giaykhen:0).
  await bot.press(em, card, 'nom:1:a:giaykhen');
  const help = bot.updates.message({ from: users.binh, chat: chats.pc06, text: 'Em ở lại làm căn cước cho dân' });
  await bot.deliver(help);
  await bot.send(users.alice, chats.pc06, '/khen làm căn cước ngoài giờ cho dân', { replyTo: help.message });
  // The commanders' private notices held for the hour (at most one an hour each) go out, then the clock goes back.
  const before = bot.clock.now();
  bot.clock.advance(3600_000);
  await bot.app.drain();
  bot.clock.set(before);
  bot.api.clear();
}

/** A bot with the week of setUpWeek, the province digest going to the province group, and the team in English. */
export async function startWeekBot(): Promise<TestBot> {
  const bot = await startTestBot({ env: { PROVINCE_DIGEST_CHAT_ID: String(chats.province.id) } });
  await setUpWeek(bot);
  await bot.send(users.admin, team, '/lang en');
  bot.api.clear();
  return bot;
}
