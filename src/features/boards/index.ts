/** What the dispatcher registers of the boards: /me, /top and /metrics. */
export { boardsFeature } from './boards-chat';
