/** What other features and layers may use of the settings: a group's confirmation mode and the bound groups. */

export { chatLocales, unreachableChats } from './chats-store';
export { type ConfirmMode, confirmModeOf, type GroupSettings } from './group-settings-rules';
export { settingsFeature } from './settings-chat';
export { boundGroups } from './settings-service';
