import { err, ok, type Result } from './result';

/**
 * A five-field cron expression ("minute hour day-of-month month day-of-week"), as the values each field allows.
 * Day-of-month and day-of-week must both match, as node-cron (the alarm clock) has it, unlike Vixie cron's "either".
 */
export interface CronSchedule {
  readonly expression: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 for Sunday … 6 for Saturday (7 is read as Sunday too). */
  readonly daysOfWeek: ReadonlySet<number>;
}

/** The wall-clock fields of an instant in a time zone. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 for Sunday … 6 for Saturday. */
  readonly weekday: number;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

/** The most days each month can have (February in a leap year). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  // 7 is Sunday as well; folded onto 0 below.
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES },
];

function fieldValue(word: string, spec: FieldSpec): number | undefined {
  if (/^\d{1,2}$/.test(word)) return Number(word);
  const index = spec.names?.indexOf(word.toLowerCase()) ?? -1;
  if (index === -1) return undefined;
  return spec.names === MONTH_NAMES ? index + 1 : index;
}

/** One field: "*", "5", "mon", "1-5", "*\/15", "0-30/10", and lists of these. */
function parseField(text: string, spec: FieldSpec): Result<Set<number>, string> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d{1,2}))?$/i.exec(item);
    if (!match) return err(`${spec.name} "${item}" is not a value, range or step`);
    const [, base = '', stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return err(`${spec.name} step must be at least 1`);
    let from = spec.min;
    let to = spec.max;
    if (base !== '*') {
      const [first = '', last] = base.split('-');
      const start = fieldValue(first, spec);
      const end = last === undefined ? start : fieldValue(last, spec);
      if (start === undefined || end === undefined) return err(`${spec.name} "${item}" is not a value`);
      if (start < spec.min || end > spec.max) return err(`${spec.name} "${item}" is outside ${spec.min}-${spec.max}`);
      if (start > end) return err(`${spec.name} range "${item}" runs backwards`);
      from = start;
      // "5/15" is not standard cron: a step needs a range or "*".
      if (last === undefined && stepText !== undefined) return err(`${spec.name} step "${item}" needs a range or *`);
      to = end;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return ok(values);
}

/** Parses a five-field cron expression; the error names the field at fault. Never throws. */
export function parseCron(expression: string): Result<CronSchedule, string> {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') {
    return err(`expected five fields (minute hour day-of-month month day-of-week), got ${JSON.stringify(expression)}`);
  }
  const parsed: Set<number>[] = [];
  for (const [index, spec] of FIELDS.entries()) {
    const field = parseField(fields[index]!, spec);
    if (!field.ok) return field;
    parsed.push(field.value);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parsed as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  // node-cron refuses such a schedule at start; better to refuse it when the config is read.
  if (![...months].some((month) => [...daysOfMonth].some((day) => day <= DAYS_IN_MONTH[month - 1]!))) {
    return err(`day of month "${fields[2]}" never falls in month "${fields[3]}"`);
  }
  return ok({ expression: expression.trim(), minutes, hours, daysOfMonth, months, daysOfWeek });
}

/** Whether the schedule fires at this wall-clock minute. */
export function cronMatches(schedule: CronSchedule, local: LocalTime): boolean {
  return (
    schedule.minutes.has(local.minute) &&
    schedule.hours.has(local.hour) &&
    schedule.daysOfMonth.has(local.day) &&
    schedule.months.has(local.month) &&
    schedule.daysOfWeek.has(local.weekday)
  );
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock fields of an instant in a time zone; throws RangeError for an unknown zone. */
export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    timeFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? -1,
  };
}

const MINUTE_MS = 60_000;

/**
 * The instants in (from, to] at which the schedule fires in the time zone, oldest first: what a bot that was down
 * over that window missed. Walks whole minutes, so keep the window to days, not years.
 */
export function occurrencesBetween(schedule: CronSchedule, from: Date, to: Date, timeZone: string): Date[] {
  const found: Date[] = [];
  const first = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (let at = first; at <= to.getTime(); at += MINUTE_MS) {
    const instant = new Date(at);
    if (cronMatches(schedule, localTimeOf(instant, timeZone))) found.push(instant);
  }
  return found;
}

/** The instants a range of local days covers: from the first day's start to the start of the day after the last. */
export function instantsOfDays(range: { from: string; to: string }, timeZone: string): { since: Date; until: Date } {
  const [year = 0, month = 1, date = 1] = range.to.split('-').map(Number);
  const dayAfter = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
  return { since: startOfLocalDay(range.from, timeZone), until: startOfLocalDay(dayAfter, timeZone) };
}

/** The instant a local day ("YYYY-MM-DD") begins in the time zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date);
  // The zone's offset near that wall time, read twice in case the first guess straddles an offset change.
  const offsetAt = (instant: number) => {
    const local = localTimeOf(new Date(instant), timeZone);
    return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - instant;
  };
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}
