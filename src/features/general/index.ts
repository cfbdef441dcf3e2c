/** The greeting and the help: what the dispatcher registers. */
export { generalFeature } from './general-chat';
