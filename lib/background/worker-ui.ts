/**
 * The worker's side effects, kept as small functions over narrow browser APIs so the entrypoint only wires them
 * and tests drive them with fakeBrowser: notifications, the toolbar badge, opening a ticket from a notification,
 * and the fetch the poller uses.
 */
import { parseAlertKey } from '../alerts/due-alerts';
import type { ToolbarBadge } from '../alerts/toolbar-badge';

/**
 * The extension's icon (public/icon/, drawn from scripts/icon.svg), relative to the package root as both browsers
 * take it: Chrome refuses a notification without `iconUrl`, and one it cannot load.
 */
export const NOTIFICATION_ICON = 'icon/128.png';

export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number; requireInteraction?: boolean; silent?: boolean }): Promise<string>;
  getAll(): Promise<Record<string, unknown>>;
  clear(id: string): Promise<boolean>;
}

/**
 * Breaches stay on screen until dismissed; lead-time warnings may time out. `quiet` (the agent's quiet hours,
 * or sound off on the options page) makes it silent; in quiet hours a breach does not stay on screen either.
 */
export function createNotification(
  api: NotificationsApi,
  id: string,
  text: { title: string; message: string },
  breach: boolean,
  quiet: { silent: boolean; quietHours: boolean } = { silent: false, quietHours: false },
): Promise<string> {
  return api.create(id, {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title: text.title,
    message: text.message,
    priority: quiet.quietHours ? 0 : 2,
    requireInteraction: breach && !quiet.quietHours,
    ...(quiet.silent || quiet.quietHours ? { silent: true } : {}),
  });
}

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

export async function applyToolbarBadge(api: BadgeApi | undefined, badge: ToolbarBadge): Promise<void> {
  // No toolbar action is declared until the popup exists (then WXT adds `action`); until then there is no badge.
  if (!api) return;
  await api.setBadgeBackgroundColor({ color: badge.color });
  await api.setBadgeText({ text: badge.text });
  await api.setTitle({ title: badge.title });
}

export interface TabsApi {
  query(info: Record<string, never>): Promise<{ id?: number; windowId?: number; url?: string }[]>;
  update(tabId: number, props: { active: boolean }): Promise<unknown>;
  create(props: { url: string }): Promise<unknown>;
}
export interface WindowsApi {
  update(windowId: number, props: { focused: boolean }): Promise<unknown>;
}

export function ticketUrl(origin: string, ticketId: number): string {
  return `${origin}/agent/tickets/${ticketId}`;
}

/** Focuses a tab already on the ticket (any window), or opens one. Returns what it did. */
export async function openTicket(tabs: TabsApi, windows: WindowsApi, origin: string, ticketId: number): Promise<'focused' | 'opened'> {
  const url = ticketUrl(origin, ticketId);
  // Ports in match patterns are not portable across browsers, so filter the URLs here instead of in the query.
  const existing = (await tabs.query({})).find((t) => t.id !== undefined && t.url !== undefined && (t.url === url || t.url.startsWith(`${url}/`) || t.url.startsWith(`${url}?`)));
  if (existing?.id !== undefined) {
    await tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined) await windows.update(existing.windowId, { focused: true });
    return 'focused';
  }
  await tabs.create({ url });
  return 'opened';
}

/** A notification id is an alert key; clicking opens its ticket. Null for ids that are not ours. */
export function ticketOfNotification(id: string): { origin: string; ticketId: number } | null {
  const key = parseAlertKey(id);
  return key ? { origin: key.origin, ticketId: key.ticketId } : null;
}

/** The Zendesk origin a content-script message came from (Chrome gives `origin`, Firefox only `url`). */
export function senderOrigin(sender: { origin?: string; url?: string; tab?: { url?: string } }): string | null {
  if (sender.origin && sender.origin !== 'null') return sender.origin;
  const url = sender.url ?? sender.tab?.url;
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}
