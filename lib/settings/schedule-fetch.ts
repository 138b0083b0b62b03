/**
 * A Zendesk business-hours schedule, by id (agents may read one schedule, not list them: REFERENCE.md §1.6).
 * The options page fetches it when the team picks it; the worker fetches it again once a day, so a schedule an
 * admin changes in Zendesk reaches every agent's deadlines without anyone opening the options page. A failed
 * refresh keeps the schedule already saved (valid state is never replaced by a failed read) and says why.
 */
import * as z from 'zod/mini';
import { createCalendar, type BusinessSchedule } from '../sla/business-hours';
import { interpretResponse } from '../zendesk/api';
import { fetchRaw, type ApiError } from '../zendesk/http';
import type { SlaSettings } from './sla-settings-schema';

/** The worker fetches a saved Zendesk schedule again when it is this old. */
export const SCHEDULE_REFRESH_MS = 24 * 60 * 60_000;
/** After a failed refresh, the next try waits this long (the poll alarm comes every minute or so). */
export const SCHEDULE_RETRY_MS = 60 * 60_000;

const scheduleResponseSchema = z.object({
  schedule: z.object({ name: z.string(), time_zone: z.string(), intervals: z.array(z.object({ start_time: z.number(), end_time: z.number() })) }),
});

export type ScheduleFetch = { ok: true; schedule: BusinessSchedule; fetchedAt: number } | { ok: false; message: string };

/** The API client's messages speak of tickets and SLA data; these speak of the schedule. */
function scheduleProblem(error: ApiError, origin: string, id: number): string {
  switch (error.kind) {
    case 'signed-out':
      return `Zendesk says you are signed out (401): sign in to ${origin} in this browser, or give this instance an API token.`;
    case 'forbidden':
      return `Zendesk refused to show schedule ${id} (403): your role may not allow it.`;
    case 'not-found':
      return `Zendesk has no schedule ${id} on ${origin}.`;
    case 'rate-limited':
      return `Zendesk's rate limit was reached (429) while fetching the schedule.`;
    case 'server':
      return `Zendesk answered with an error (${error.status ?? 'unknown'}) while fetching the schedule.`;
    case 'network':
      return `Zendesk could not be reached (offline?) while fetching the schedule.`;
    case 'timeout':
      return `Zendesk did not answer in time while fetching the schedule.`;
    case 'malformed':
      return `Zendesk's answer was not a schedule in the expected shape.`;
    default:
      return error.message;
  }
}

export async function fetchZendeskSchedule(doFetch: typeof fetch, origin: string, id: number, now: () => number): Promise<ScheduleFetch> {
  const got = await fetchRaw(doFetch, `${origin}/api/v2/business_hours/schedules/${id}`, { timeoutMs: 15_000 });
  if (!got.ok) return { ok: false, message: scheduleProblem(got.error, origin, id) };
  const result = interpretResponse(got.raw, scheduleResponseSchema, now());
  if (!result.ok) return { ok: false, message: scheduleProblem(result.error, origin, id) };
  const { name, time_zone, intervals } = result.value.schedule;
  const made = createCalendar({ name, time_zone, intervals });
  if (!made.ok) return { ok: false, message: `Zendesk sent a schedule this extension cannot use: ${made.issues.join('; ')}` };
  return { ok: true, schedule: { name, time_zone, intervals }, fetchedAt: now() };
}

/** The worker's last refresh of the saved schedule: when, and why it failed (null when it worked). */
export interface ScheduleRefresh {
  at: number;
  error: string | null;
}

export interface ScheduleRefreshDeps {
  settings: { get(): Promise<SlaSettings>; update(fn: (s: SlaSettings) => SlaSettings): Promise<SlaSettings> };
  lastRefresh: { get(): Promise<ScheduleRefresh | null>; set(v: ScheduleRefresh | null): Promise<void> };
  fetchFor(origin: string): typeof fetch;
  now(): number;
}

export type RefreshOutcome = 'not-zendesk' | 'fresh' | 'waiting' | 'refreshed' | 'failed';

/** Fetches the saved Zendesk schedule again when it is a day old (an hour after a failure). Zendesk's failures are outcomes; only storage errors reject. */
export async function refreshZendeskSchedule(deps: ScheduleRefreshDeps): Promise<RefreshOutcome> {
  const hours = (await deps.settings.get()).businessHours;
  if (hours.kind !== 'zendesk') return 'not-zendesk';
  const now = deps.now();
  if (now - hours.fetchedAt < SCHEDULE_REFRESH_MS) return 'fresh';
  const last = await deps.lastRefresh.get();
  if (last?.error && now - last.at < SCHEDULE_RETRY_MS) return 'waiting';
  const got = await fetchZendeskSchedule(deps.fetchFor(hours.origin), hours.origin, hours.scheduleId, deps.now);
  if (!got.ok) {
    await deps.lastRefresh.set({ at: now, error: got.message });
    return 'failed';
  }
  // Only onto the same schedule: a team lead may have picked another one while this request was out.
  await deps.settings.update((current) => {
    const bh = current.businessHours;
    if (bh.kind !== 'zendesk' || bh.origin !== hours.origin || bh.scheduleId !== hours.scheduleId) return current;
    return { ...current, businessHours: { ...bh, schedule: got.schedule, fetchedAt: got.fetchedAt } };
  });
  await deps.lastRefresh.set({ at: now, error: null });
  return 'refreshed';
}

/** The worker's last daily refresh failed after the saved schedule was fetched: say so, and that the saved one stays. */
export function refreshProblemOf(sla: SlaSettings, refresh: ScheduleRefresh | null, when: (t: number) => string = (t) => new Date(t).toLocaleString()): string | null {
  const hours = sla.businessHours;
  if (hours.kind !== 'zendesk' || !refresh?.error || refresh.at < hours.fetchedAt) return null;
  return `The daily refresh of this schedule from Zendesk failed (${when(refresh.at)}): ${refresh.error} The schedule fetched ${when(hours.fetchedAt)} is still in use; the extension tries again within the hour.`;
}
