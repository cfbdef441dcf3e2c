/** A person's record: /profile. */
export { profileFeature } from './profile-chat';
