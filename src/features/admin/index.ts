/** The admin's commands: units, metrics, roles, groups. */
export { adminFeature } from './admin-chat';
