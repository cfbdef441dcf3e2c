/** Where a nomination stands; a decision moves it, a reopening moves it back to pending. */
export type NominationStatus = 'pending' | 'approved' | 'rejected';

/** A nomination of a colleague for commendation, as the card shows it. */
export interface Nomination {
  readonly id: number;
  readonly chatId: number;
  readonly threadId: number | null;
  readonly sourceMessageId: number | null;
  readonly nomineeId: number;
  readonly nomineeName: string;
  readonly unitId: number;
  readonly nominatorId: number;
  readonly nominatorName: string;
  readonly reason: string;
  readonly status: NominationStatus;
  readonly level: string | null;
  readonly cardMessageId: number | null;
  readonly day: string;
  readonly createdAt: string;
  readonly endorsements: number;
  /** The latest decision, if any: who took it and, for a rejection, why. */
  readonly decidedBy: number | null;
  readonly decidedByName: string | null;
  readonly rejectReason: string | null;
}

/** Shortest reason accepted, in characters: enough for a two-word deed and a few words more. */
export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 500;

/** Default commendation levels, lowest first: praise in the digest, the director's certificate, the proposal for the committee's. */
export const DEFAULT_LEVELS = ['bieuduong', 'giaykhen', 'bangkhen'] as const;
