/** Stored roles; an officer is anyone without one. */
export const ROLES = ['admin', 'commander'] as const;
export type Role = (typeof ROLES)[number];
