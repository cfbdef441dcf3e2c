/** What other features and layers may use of the settings: a group's confirmation mode and the bound groups. */

export { chatLocales, unreachableChats } from './chats-store';
export type { ConfirmMode, GroupSettings } from './group-settings-rules';
export { settingsFeature } from './settings-chat';
export { boundGroups, confirmModeOf } from './settings-service';
