/**
 * Everything the extension remembers, one `storage.defineItem` per key (STYLE.md §6). The service worker can be
 * killed at any moment, so it keeps nothing only in memory: the poller, the alert ledger and the toolbar badge
 * are all rebuilt from these items. Values are validated with zod on the way in and out; a stored value that no
 * longer parses (a bug, or a hand-edited profile) reads as the default instead of crashing the worker.
 *
 * Keys are in `local:` storage (kept across browser restarts; `session:` would lose the ledger and repeat alerts).
 * Every item's shape before versioning is its version 1; a shape change raises the item's version with a numbered
 * migration in lib/settings/migrations.ts and a golden-fixture test per step (tests/unit/settings/).
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { ITEM_MIGRATIONS } from './settings/migrations';
import { defaultSlaSettings, slaSettingsSchema } from './settings/sla-settings-schema';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './zendesk/schemas';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** `https://acme.zendesk.com` (or the replica's `http://127.0.0.1:4477` in e2e builds): scheme, host, port. */
const originSchema = z.string().check(z.regex(/^https?:\/\/[^/?#\s]+$/));
const epochMs = z.number();

// ---------------------------------------------------------------------------------------------------------------
// Known instances: the Zendesk origins the agent has opened (recorded from the content script's messages).

export const instanceSchema = z.object({ origin: originSchema, firstSeen: epochMs, lastSeen: epochMs });
export type Instance = z.infer<typeof instanceSchema>;
export const instancesSchema = z.array(instanceSchema);

// ---------------------------------------------------------------------------------------------------------------
// Poll state per instance.

export const pollErrorSchema = z.object({ kind: z.string(), message: z.string(), at: epochMs });
export const pollStateSchema = z.object({
  lastPollAt: z.nullable(epochMs),
  lastSuccessAt: z.nullable(epochMs),
  /** No request to this instance before this moment (Retry-After, or backoff after failures). */
  backoffUntil: z.nullable(epochMs),
  consecutiveFailures: z.number().check(z.int(), z.nonnegative()),
  /** From the last response's rate-limit headers; the account's budget is shared by every agent. */
  rateLimitRemaining: z.nullable(z.number()),
  rateLimitLimit: z.nullable(z.number()),
  /** The agent's user id (`/users/me`) and when it was fetched; only needed where `assignee:me` is refused. */
  userId: z.nullable(z.number()),
  userFetchedAt: z.nullable(epochMs),
  /** `me` until Zendesk refuses `assignee:me` (400/422), then `id` with `userId`. */
  assigneeQuery: z.enum(['me', 'id']),
  lastError: z.nullable(pollErrorSchema),
});
export type PollState = z.infer<typeof pollStateSchema>;
export const pollStatesSchema = z.record(originSchema, pollStateSchema);
export type PollStates = z.infer<typeof pollStatesSchema>;

export function initialPollState(): PollState {
  return {
    lastPollAt: null,
    lastSuccessAt: null,
    backoffUntil: null,
    consecutiveFailures: 0,
    rateLimitRemaining: null,
    rateLimitLimit: null,
    userId: null,
    userFetchedAt: null,
    assigneeQuery: 'me',
    lastError: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The agent's queue per instance, as of the last successful poll.

export const slaMetricSchema = z.object({
  metric: z.string(),
  stage: z.enum(['active', 'paused', 'achieved']),
  source: z.enum(['zendesk', 'preset']),
  dueAt: z.nullable(epochMs),
  opensAt: z.optional(z.nullable(epochMs)),
  target: z.optional(z.nullable(z.object({ minutes: z.number(), businessHours: z.boolean(), label: z.string() }))),
});

export const queueTicketSchema = z.object({
  id: z.number(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.nullable(z.enum(TICKET_PRIORITIES)),
  createdAt: epochMs,
  updatedAt: epochMs,
  metrics: z.array(slaMetricSchema),
});
export type QueueTicket = z.infer<typeof queueTicketSchema>;

export const queueSnapshotSchema = z.object({
  origin: originSchema,
  fetchedAt: epochMs,
  /** Zendesk's `count`: may exceed `tickets.length` when search stops at 1,000 results. */
  count: z.number(),
  tickets: z.array(queueTicketSchema),
  /**
   * Zendesk's clock minus the local one at this poll (its `Date` header), 0 within 1.5 s. Deadlines stay in
   * Zendesk's time (the alert keys depend on them); countdowns and alerts add this to the local clock.
   * Optional: snapshots stored before it existed read as 0.
   */
  skewMs: z.optional(z.number()),
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;
export const queueSnapshotsSchema = z.record(originSchema, queueSnapshotSchema);
export type QueueSnapshots = z.infer<typeof queueSnapshotsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The alert ledger: every alert ever decided, by key `${origin}|${ticketId}|${metric}|${threshold}|${dueAt}`.

export const alertPayloadSchema = z.object({
  key: z.string(),
  origin: originSchema,
  ticketId: z.number(),
  metric: z.string(),
  /** Minutes before the breach; 0 is the breach itself. */
  threshold: z.number(),
  dueAt: epochMs,
  subject: z.string(),
  priority: z.nullable(z.enum(TICKET_PRIORITIES)),
  /** Sent well after the moment it was for (the machine slept, the network was down). */
  late: z.boolean(),
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

export const ledgerEntrySchema = z.object({
  recordedAt: epochMs,
  /** null while the notification is being sent: recorded first, so a killed worker finishes it (see poller.ts). */
  sentAt: z.nullable(epochMs),
  /** A threshold passed over because a more urgent one for the same clock was due at the same time. */
  suppressed: z.optional(z.boolean()),
  /** Kept only while unsent, so a restarted worker can send it. */
  pending: z.optional(alertPayloadSchema),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export const alertLedgerSchema = z.record(z.string(), ledgerEntrySchema);
export type AlertLedger = z.infer<typeof alertLedgerSchema>;

/** Ledger entries (and alerts) older than this are forgotten; a breach older than this is never alerted. */
export const LEDGER_RETENTION_MS = 7 * DAY_MS;

// ---------------------------------------------------------------------------------------------------------------
// Snoozes: `${origin}|${ticketId}` → until (epoch ms).

export const snoozesSchema = z.record(z.string(), epochMs);
export type Snoozes = z.infer<typeof snoozesSchema>;

export function snoozeKey(origin: string, ticketId: number): string {
  return `${origin}|${ticketId}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Alert settings.

export const MIN_POLL_INTERVAL_SECONDS = 30;
/** "HH:mm", 24-hour. */
export const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().check(z.regex(HHMM_PATTERN, 'A time of day as HH:mm (24-hour), for example 22:00.'));
export const alertSettingsSchema = z.object({
  /** Minutes before a breach to warn at; the breach itself is `breach`. */
  leadTimesMinutes: z.array(z.number().check(z.int(), z.positive(), z.lte(24 * 60))).check(z.maxLength(10)),
  breach: z.boolean(),
  pollIntervalSeconds: z.number().check(z.int(), z.gte(MIN_POLL_INTERVAL_SECONDS), z.lte(60 * 60)),
  /**
   * How many agents' extensions share this Zendesk account's API budget. Each extension takes at most its share
   * of the `x-rate-limit` the account reports (poller.ts `teamIntervalMs`), so the team together stays inside the
   * budget without any agent knowing about the others. Optional so settings saved before it existed still parse;
   * absent means DEFAULT_TEAM_SIZE.
   */
  teamSize: z.optional(z.number().check(z.int(), z.positive(), z.lte(10_000))),
  /** v2. Between these local times (browser's zone) notifications make no sound and do not stay on screen. */
  quietHours: z.nullable(z.object({ start: hhmm, end: hhmm })),
  /** v2. What the popup's snooze offers first. */
  snoozeDefault: z.enum(['hour', 'shift']),
  /** v2. Notifications with the system's sound (false: silent). */
  sound: z.boolean(),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;
/**
 * The team the defaults are sized for: the 200 agents on one account. A larger default would slow small
 * teams on the 200/min Team plan for nothing; a smaller one lets a 200-agent team overrun it (and no extension
 * can count its colleagues). On 200/min this costs 100 s between polls instead of 60 s; on 400/min and above the
 * configured interval wins and it costs nothing. Alerts between polls come from the stored breach times.
 */
export const DEFAULT_TEAM_SIZE = 200;
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  leadTimesMinutes: [60, 15, 5],
  breach: true,
  pollIntervalSeconds: 60,
  quietHours: null,
  snoozeDefault: 'hour',
  sound: true,
};

/** Whether `now` falls in the quiet hours (local time of the browser; a range may cross midnight). */
export function inQuietHours(quiet: AlertSettings['quietHours'], now: number): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const d = new Date(now);
  const m = d.getHours() * 60 + d.getMinutes();
  const [start, end] = [quiet.start, quiet.end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  return start! < end! ? m >= start! && m < end! : m >= start! || m < end!;
}

// ---------------------------------------------------------------------------------------------------------------
// Escalation settings: what a one-click STAR does besides the internal note (lib/star, the options page).

/** Zendesk tags: letters, digits and `_-:/.`, no spaces (Zendesk turns spaces into separate tags). */
export const ZENDESK_TAG_PATTERN = /^[A-Za-z0-9_\-:/.]{1,80}$/;
/**
 * `https://…`, with `{ticket_id}`-style placeholders filled in from the ticket when the STAR form is opened. A
 * loopback `http://127.0.0.1` or `http://localhost` address is also accepted: the local replica's Slack sink in
 * the browser tests, and a developer's own test endpoint (nothing on the network sees it).
 */
const httpsTemplateSchema = z.string().check(z.regex(/^(|https:\/\/[^\s]+|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/[^\s]*)$/, 'Enter an https:// address, or leave it empty.'));
export const escalationSettingsSchema = z.object({
  /** Added to the ticket with the STAR's internal note. */
  starTag: z.string().check(z.regex(ZENDESK_TAG_PATTERN, 'A Zendesk tag is 1 to 80 letters, digits or _-:/. with no spaces.')),
  /** The team's STAR form, opened with the ticket's fields filled in; empty means no form step. */
  formUrlTemplate: httpsTemplateSchema,
  /** A Slack incoming webhook (`https://hooks.slack.com/services/…`); empty means no Slack step. */
  slackWebhookUrl: httpsTemplateSchema,
});
export type EscalationSettings = z.infer<typeof escalationSettingsSchema>;
export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = { starTag: 'star_requested', formUrlTemplate: '', slackWebhookUrl: '' };

// ---------------------------------------------------------------------------------------------------------------
// The poll lock: one poll in flight at a time, across alarms, popup refreshes and worker restarts.

/**
 * How the worker signs in to each instance: the agent's own session (the default: the worker's fetch carries
 * it), or a Zendesk API token (`{email}/token:{token}` Basic auth) so it can poll with no Zendesk tab or
 * session. The token never leaves this item except in the Authorization header to its own instance.
 */
export const API_TOKEN_PATTERN = /^[A-Za-z0-9]{20,64}$/;
export const instanceAuthSchema = z.union([
  z.object({ mode: z.literal('session') }),
  z.object({
    mode: z.literal('token'),
    email: z.string().check(z.regex(/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/, 'Enter the email address of your Zendesk agent account.')),
    token: z.string().check(z.regex(API_TOKEN_PATTERN, 'A Zendesk API token is 20 to 64 letters and digits (Admin Center › Apps and integrations › Zendesk API).')),
  }),
]);
export type InstanceAuth = z.infer<typeof instanceAuthSchema>;
export const instanceAuthsSchema = z.record(originSchema, instanceAuthSchema);
export type InstanceAuths = z.infer<typeof instanceAuthsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Custom domains: Zendesk instances on the team's own host name (host-mapped, support.example.com). Each has
// its host permission granted at the moment it was added (optional host permission); the worker registers the
// content scripts for them (lib/settings/custom-domains.ts).

export const customDomainSchema = z.object({ origin: originSchema, addedAt: epochMs });
export type CustomDomain = z.infer<typeof customDomainSchema>;
export const customDomainsSchema = z.array(customDomainSchema).check(z.maxLength(50));
/** The worker's last registration of the custom-domain scripts, for the options page: where they run, or why not. */
export const customDomainSyncSchema = z.nullable(z.object({ at: epochMs, origins: z.array(originSchema), error: z.nullable(z.string()) }));
export type CustomDomainSync = NonNullable<z.infer<typeof customDomainSyncSchema>>;

export const pollLockSchema = z.nullable(z.object({ token: z.string(), expiresAt: epochMs }));
export type PollLock = z.infer<typeof pollLockSchema>;

// ---------------------------------------------------------------------------------------------------------------

/**
 * A storage item whose value is validated: `get` returns the fallback when the stored value does not parse;
 * `set` refuses (throws) a value that does not, so a bug cannot store a shape the next read would drop.
 */
export interface ValidatedItem<T> {
  readonly key: `local:${string}`;
  readonly fallback: T;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Read-modify-write. Not atomic across contexts: callers that race hold the poll lock. */
  update(fn: (value: T) => T): Promise<T>;
  /** The value as it would be stored; throws when it does not match the schema. */
  validate(value: T): T;
  /** The underlying WXT item (for `storage.setItems` and watchers). */
  readonly item: ReturnType<typeof storage.defineItem<unknown>>;
}

function defineValidated<S extends z.ZodMiniType>(
  key: `local:${string}`,
  schema: S,
  fallback: () => z.infer<S>,
  versioning: { version: number; migrations: Record<number, (v: unknown) => unknown> } = { version: 1, migrations: {} },
): ValidatedItem<z.infer<S>> {
  const item = storage.defineItem<unknown>(
    key,
    versioning.version === 1 ? { version: 1 } : { version: versioning.version, migrations: versioning.migrations },
  );
  const parse = (raw: unknown): z.infer<S> => {
    if (raw === null || raw === undefined) return fallback();
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : fallback();
  };
  const self: ValidatedItem<z.infer<S>> = {
    key,
    get fallback() {
      return fallback();
    },
    item,
    async get() {
      return parse(await item.getValue());
    },
    validate(value) {
      return schema.parse(value);
    },
    async set(value) {
      await item.setValue(schema.parse(value));
    },
    async update(fn) {
      const next = fn(await self.get());
      await self.set(next);
      return next;
    },
  };
  return self;
}

export const instancesItem = defineValidated('local:instances', instancesSchema, () => []);
export const pollStatesItem = defineValidated('local:pollStates', pollStatesSchema, () => ({}));
export const queueSnapshotsItem = defineValidated('local:queueSnapshots', queueSnapshotsSchema, () => ({}));
export const alertLedgerItem = defineValidated('local:alertLedger', alertLedgerSchema, () => ({}));
export const snoozesItem = defineValidated('local:snoozes', snoozesSchema, () => ({}));
export const alertSettingsItem = defineValidated(
  'local:alertSettings',
  alertSettingsSchema,
  () => ({ ...DEFAULT_ALERT_SETTINGS, leadTimesMinutes: [...DEFAULT_ALERT_SETTINGS.leadTimesMinutes] }),
  ITEM_MIGRATIONS.alertSettings,
);
/** The SLA preset, its overrides, the state thresholds and the business hours (lib/settings/sla-resolve.ts). */
export const slaSettingsItem = defineValidated('local:slaSettings', slaSettingsSchema, defaultSlaSettings);
export const customDomainsItem = defineValidated('local:customDomains', customDomainsSchema, () => []);
export const customDomainSyncItem = defineValidated('local:customDomainSync', customDomainSyncSchema, () => null);
/** The worker's last daily refresh of a saved Zendesk schedule (lib/settings/schedule-fetch.ts). */
export const scheduleRefreshItem = defineValidated('local:scheduleRefresh', z.nullable(z.object({ at: epochMs, error: z.nullable(z.string()) })), () => null);
export const escalationSettingsItem = defineValidated('local:escalationSettings', escalationSettingsSchema, () => ({ ...DEFAULT_ESCALATION_SETTINGS }));
export const pollLockItem = defineValidated('local:pollLock', pollLockSchema, () => null);
export const instanceAuthItem = defineValidated('local:instanceAuth', instanceAuthsSchema, () => ({}));

// ---------------------------------------------------------------------------------------------------------------
// STAR records (lib/background/star.ts): one per ticket, by `${origin}|${ticketId}`. Written before each action
// runs and after it ends, so a killed worker, a second tab or a retry sees what was done and repeats only what
// failed. No secrets: the Slack webhook stays in the settings item.

const starStepSchema = z.object({
  status: z.enum(['pending', 'running', 'done', 'failed', 'skipped']),
  message: z.optional(z.string()),
  at: z.optional(epochMs),
  retryAt: z.optional(epochMs),
});
export const starRecordSchema = z.object({
  origin: originSchema,
  ticketId: z.number(),
  requestedAt: epochMs,
  form: z.object({
    urgency: z.enum(['low', 'medium', 'high']),
    reason: z.string(),
    desiredResult: z.string(),
    plan: z.string(),
    group: z.string(),
  }),
  tag: z.string(),
  note: z.string(),
  /** The STAR form address filled in at request time; null when no form step is configured. */
  formUrl: z.nullable(z.string()),
  slack: z.optional(z.object({ text: z.string() })),
  steps: z.object({ zendesk: starStepSchema, form: starStepSchema, slack: starStepSchema }),
});
export type StarRecord = z.infer<typeof starRecordSchema>;
export const starRecordsSchema = z.record(z.string(), starRecordSchema);
export type StarRecords = z.infer<typeof starRecordsSchema>;
export const starRecordsItem = defineValidated('local:starRecords', starRecordsSchema, () => ({}));

// ---------------------------------------------------------------------------------------------------------------
// What the last Zendesk answers looked like, per instance, for the page check (lib/diagnostics/responses.ts):
// whether they carried the SLA sideloads, and the kinds of recent errors. No ticket data, no messages.

export const responseSampleSchema = z.object({
  at: epochMs,
  /** `page`: a Zendesk tab's own request (badges); `poll`: the worker's queue poll. */
  source: z.enum(['page', 'poll']),
  endpoint: z.enum(['ticket', 'show_many', 'search']),
  tickets: z.number().check(z.int(), z.nonnegative()),
  /** Tickets that came with a `slas` key, and those whose `metric_sets` entry came along. */
  withSlas: z.number().check(z.int(), z.nonnegative()),
  withMetricSets: z.number().check(z.int(), z.nonnegative()),
});
export const responseErrorSchema = z.object({
  at: epochMs,
  source: z.enum(['page', 'poll']),
  kind: z.string().check(z.maxLength(40)),
  status: z.optional(z.number()),
});
export const responseFactsSchema = z.object({ samples: z.array(responseSampleSchema), errors: z.array(responseErrorSchema) });
export const responseFactsItem = defineValidated('local:responseFacts', z.record(originSchema, responseFactsSchema), () => ({}));

/** The items the worker uses, as one dependency (tests pass the same object; storage is fakeBrowser's). */
export const workerStorage = {
  instances: instancesItem,
  pollStates: pollStatesItem,
  snapshots: queueSnapshotsItem,
  ledger: alertLedgerItem,
  snoozes: snoozesItem,
  settings: alertSettingsItem,
  lock: pollLockItem,
};
export type WorkerStorage = typeof workerStorage;

/** One item's next value, for `setTogether`. */
export interface ItemWrite {
  apply(): { item: ValidatedItem<unknown>['item']; value: unknown };
}
export function write<T>(item: ValidatedItem<T>, value: T): ItemWrite {
  return { apply: () => ({ item: item.item, value: item.validate(value) }) };
}

/** Writes several items in one `storage.local.set` call: all of them land, or (on a crash) none. */
export async function setTogether(writes: ItemWrite[]): Promise<void> {
  await storage.setItems(writes.map((w) => w.apply()));
}

/**
 * Remembers a Zendesk origin the agent has opened. Writes only for a new origin or once an hour per origin, so a
 * page's stream of SLA messages costs no storage writes. Returns true for an origin not seen before.
 */
export async function rememberInstance(origin: string, now: number, item = instancesItem): Promise<boolean> {
  if (!originSchema.safeParse(origin).success) return false;
  const instances = await item.get();
  const known = instances.find((i) => i.origin === origin);
  if (known && now - known.lastSeen < 60 * MINUTE_MS) return false;
  const next = known
    ? instances.map((i) => (i.origin === origin ? { ...i, lastSeen: now } : i))
    : [...instances, { origin, firstSeen: now, lastSeen: now }];
  await item.set(next);
  return !known;
}
