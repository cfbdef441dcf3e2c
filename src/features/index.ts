import type { BotServices } from '../bot/context';
import { type FeatureRegistry, registryOf } from '../bot/registry';
import { adminFeature } from './admin';
import { dashboardFeature } from './app';
import { boardsFeature } from './boards';
import { generalFeature } from './general';
import { nominationsFeature } from './nominations';
import { profileFeature } from './profile';
import { reportsFeature } from './reports';
import { rosterFeature } from './roster';
import { settingsFeature } from './settings';
import { historyFeature, tallyFeature } from './tally';
import { weeklyFeature } from './weekly';
import { rosterForYear, yearFeature, yearReviewParagraph } from './year';

/**
 * Every feature of the bot: their commands by CommandName, their buttons by callback prefix, their edit handlers
 * and after-sent hooks. The app hands it to the dispatcher, which knows no feature by name; a command without a
 * handler, or with two, stops the bot at start.
 */
export function featureRegistry(services: BotServices): FeatureRegistry {
  return registryOf([
    generalFeature(services),
    tallyFeature(services),
    historyFeature(services),
    boardsFeature(services),
    nominationsFeature(services),
    profileFeature(services),
    weeklyFeature(services),
    reportsFeature(services, yearReviewParagraph(rosterForYear)),
    settingsFeature(services),
    rosterFeature(services),
    yearFeature(services, rosterForYear),
    adminFeature(),
    dashboardFeature(services),
  ]);
}
