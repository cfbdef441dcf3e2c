import { displayName, type MemberProfile } from '../directory/member-store';
import { type Html, mention } from '../i18n/format';
import type { User } from '../telegram/update-schema';

/** The profile the store keeps of a Telegram user. */
export const profileOf = (user: User): MemberProfile => ({
  userId: user.id,
  firstName: user.first_name,
  lastName: user.last_name ?? null,
  username: user.username ?? null,
});

/** The user's full name as Telegram shows it. */
export const nameOf = (user: User): string => displayName(profileOf(user));

/** A clickable mention of the user that works without a username. */
export const mentionOf = (user: User): Html => mention(user.id, nameOf(user));

/** The person pressing or typing, as a use case's caller: their id, and their name to store with what they do. */
export const callerOf = (user: User): { readonly userId: number; readonly profile: MemberProfile } => ({
  userId: user.id,
  profile: profileOf(user),
});
