import type { BotServices } from '../bot/context';
import { type FeatureRegistry, registryOf } from '../bot/registry';
import { adminFeature } from './admin/admin-chat';
import { boardsFeature } from './boards/boards-chat';
import { generalFeature } from './general/general-chat';
import { nominationsFeature } from './nominations/nominations-chat';
import { profileFeature } from './profile/profile-chat';
import { reportsFeature } from './reports/reports-chat';
import { historyFeature } from './tally/history-chat';
import { tallyFeature } from './tally/tally-chat';
import { weeklyFeature } from './weekly/weekly-chat';

/**
 * Every feature of the bot: their commands by CommandName, their buttons by callback prefix, their edit handlers
 * and after-sent hooks. The app hands it to the dispatcher, which knows no feature by name; a command without a
 * handler, or with two, stops the bot at start.
 */
export function featureRegistry(services: BotServices): FeatureRegistry {
  return registryOf([
    generalFeature(),
    tallyFeature(services),
    historyFeature(services),
    boardsFeature(services),
    nominationsFeature(services),
    profileFeature(services),
    weeklyFeature(services),
    reportsFeature(services),
    adminFeature(),
  ]);
}
