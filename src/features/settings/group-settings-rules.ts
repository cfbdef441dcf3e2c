/** How a group wants its /log entries confirmed. */
export type ConfirmMode = 'reply' | 'reaction' | 'auto';

export const CONFIRM_MODES: readonly ConfirmMode[] = ['reply', 'reaction', 'auto'];

/** A group's settings as the bot applies them. */
export interface GroupSettings {
  /** Whether the Friday reminder is posted when the unit logged nothing. */
  readonly reminders: boolean;
  readonly confirmMode: ConfirmMode;
  /** In a forum, the topic the weekly posts go to; null for the General topic. */
  readonly postsThreadId: number | null;
}

/** What a group has until someone changes it: reminders on, confirmations auto, posts in General. */
export const DEFAULT_GROUP_SETTINGS: GroupSettings = { reminders: true, confirmMode: 'auto', postsThreadId: null };

/** The settings as stored; a value the bot does not know reads as its default. */
export interface StoredGroupSettings {
  readonly reminders: boolean;
  readonly confirmMode: string | null;
  readonly postsThreadId: number | null;
}

/** The settings a group's stored row stands for (none stored: the defaults). */
export function groupSettingsOf(stored: StoredGroupSettings | undefined): GroupSettings {
  if (!stored) return DEFAULT_GROUP_SETTINGS;
  return {
    reminders: stored.reminders,
    confirmMode: confirmModeOf(stored),
    postsThreadId: stored.postsThreadId,
  };
}

/**
 * How the group wants its /log entries confirmed, from the mode as stored (a chat's cached settings carry it):
 * unset or unknown, the default.
 */
export function confirmModeOf(stored: { readonly confirmMode: string | null } | undefined): ConfirmMode {
  return CONFIRM_MODES.find((mode) => mode === stored?.confirmMode) ?? DEFAULT_GROUP_SETTINGS.confirmMode;
}
