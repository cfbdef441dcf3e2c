import { describe, expect, it } from 'vitest';
import { relayKindOf } from '../../src/bot/relayed';
import type { Message } from '../../src/telegram/update-schema';

const person = { id: 1001, is_bot: false, first_name: 'An' };
const bot = { id: 5550001, is_bot: true, first_name: 'Other' };
const anonymous = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
const group = { id: -1001000000006, type: 'supergroup', title: 'PC06' } as const;
const forwarded = { type: 'user', date: 1, sender_user: person } as const;

describe('relayKindOf', () => {
  it.each<
    [string, Pick<Message, 'from' | 'sender_chat' | 'forward_origin' | 'via_bot'>, ReturnType<typeof relayKindOf>]
  >([
    ["a person's own message", { from: person }, undefined],
    ['a forwarded message', { from: person, forward_origin: forwarded }, 'forwarded'],
    ['one written through an inline bot', { from: person, via_bot: bot }, 'viaBot'],
    ["a bot's message", { from: bot }, 'bot'],
    ['an anonymous admin (the group itself)', { from: anonymous, sender_chat: group }, 'anonymous'],
    [
      'a channel post forwarded into its discussion group',
      {
        from: { ...bot, id: 777000 },
        sender_chat: { id: -100999, type: 'channel', title: 'Kênh' },
        forward_origin: forwarded,
      },
      'anonymous',
    ],
    ['a forward through an inline bot', { from: person, forward_origin: forwarded, via_bot: bot }, 'forwarded'],
  ])('%s: %s', (_label, message, kind) => {
    expect(relayKindOf(message)).toBe(kind);
  });
});
