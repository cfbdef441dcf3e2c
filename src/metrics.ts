import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Kinds of incoming update counted by `updates`; `malformed` failed the schema, `duplicate` was seen before. */
export const UPDATE_KINDS = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
  'other',
  'malformed',
  'duplicate',
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export const SEND_OUTCOMES = ['ok', 'retry', 'failed'] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];

export type OutboxBacklogSource = () => Promise<Record<string, number>>;

export interface Metrics {
  readonly registry: Registry;
  readonly updates: Counter<'kind'>;
  /** Time from an update's arrival to the end of its handling (its effects and replies committed). */
  readonly handlerSeconds: Histogram;
  readonly outboxBacklog: Gauge<'kind'>;
  readonly sends: Counter<'method' | 'outcome'>;
  readonly rateLimited: Counter;
  /** Outbox rows not sent as stored: a kind, hook or renderer this version does not know, or a renderer that failed. */
  readonly outboxRefused: Counter<'reason'>;
  readonly errors: Counter<'where'>;
  /** Updates long polling holds back (not confirmed to Telegram) while the store is unreachable; 0 normally. */
  readonly intakeHeld: Gauge;
  /** Where `outboxBacklog` reads its values at each scrape; until set, the gauge stays empty. */
  setOutboxBacklogSource(source: OutboxBacklogSource): void;
}

/** 0.5 ms to 10 s, roughly ×2.5 per step: a SQLite commit sits at the bottom, a stuck handler at the top. */
export const HANDLER_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The default process metrics, collected once per process: prom-client starts a gc PerformanceObserver and an event
 * loop delay monitor that nothing can stop, and they keep the registry they write to. Registering them in each app's
 * registry kept every stopped app (its registry, its backlog source, its database) reachable.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A fresh registry with the bot's instruments and the process metrics shared by every app, so tests can build several. */
export function createMetrics(): Metrics {
  const own = new Registry();
  let backlogSource: OutboxBacklogSource | undefined;
  let backlogRead: Promise<void> = Promise.resolve();

  const updates = new Counter({
    name: 'thidua_updates_total',
    help: 'Updates received, by kind (malformed: refused by the schema; duplicate: already handled).',
    labelNames: ['kind'] as const,
    registers: [own],
  });
  const handlerSeconds = new Histogram({
    name: 'thidua_handler_seconds',
    help: 'Time to handle one update, in seconds.',
    buckets: HANDLER_BUCKETS,
    registers: [own],
  });
  const sends = new Counter({
    name: 'thidua_sends_total',
    help: 'Bot API send attempts, by method and outcome (ok, retry, failed).',
    labelNames: ['method', 'outcome'] as const,
    registers: [own],
  });
  const rateLimited = new Counter({
    name: 'thidua_rate_limited_total',
    help: '429 Too Many Requests answers received from the Bot API.',
    registers: [own],
  });
  const outboxRefused = new Counter({
    name: 'thidua_outbox_refused_total',
    help: 'Outbox rows not sent as stored, by reason (unknown_kind, unknown_hook, unknown_renderer, render_failed).',
    labelNames: ['reason'] as const,
    registers: [own],
  });
  const outboxBacklog = new Gauge({
    name: 'thidua_outbox_backlog',
    help: 'Outbox rows waiting to be sent, by kind.',
    labelNames: ['kind'] as const,
    registers: [own],
    async collect() {
      const source = backlogSource;
      if (!source) return;
      backlogRead = (async () => {
        try {
          const counts = await source();
          // Reset only now so a kind that emptied does not keep its last value.
          this.reset();
          for (const [kind, count] of Object.entries(counts)) this.set({ kind }, count);
        } catch {
          // A failing store must not fail the whole scrape; the counter makes the gap visible.
          this.reset();
          errors.inc({ where: 'outbox_backlog' });
        }
      })();
      await backlogRead;
    },
  });
  // Registered after the gauge: a scrape collects every metric at once, and this waits for the backlog read.
  const errors = new Counter({
    name: 'thidua_errors_total',
    help: 'Errors caught and logged, by where they happened.',
    labelNames: ['where'] as const,
    registers: [own],
    async collect() {
      await backlogRead;
    },
  });

  const intakeHeld = new Gauge({
    name: 'thidua_intake_held_updates',
    help: 'Updates held back by long polling (fetched again, not confirmed) while the database is unreachable.',
    registers: [own],
  });

  return {
    registry: Registry.merge([processMetrics(), own]),
    intakeHeld,
    updates,
    handlerSeconds,
    outboxBacklog,
    sends,
    rateLimited,
    outboxRefused,
    errors,
    setOutboxBacklogSource(source) {
      backlogSource = source;
    },
  };
}
