/**
 * The popup's imperative shell (wiring only): reads and watches storage, runs the shared clock, renders the pure
 * `PopupApp`, and sends the agent's actions to the worker (lib/background/popup-messages.ts).
 */
import { browser } from '#imports';
import { computed, effect, signal } from '@preact/signals';
import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import type { SnoozeChoice } from '@/components/QueueList';
import '@/components/Popup.css';
import { SNOOZE_HOUR_MS } from '@/lib/alerts/snooze';
import { POPUP_OPEN_TICKET, POPUP_REFRESH, POPUP_SNOOZE, POPUP_UNSNOOZE, type PopupMessage, type PopupReply } from '@/lib/background/popup-messages';
import { createTicker } from '@/lib/content/ticker';
import { LOCAL_ZONE, parseShift, shiftItem } from '@/lib/popup/shift';
import { popupView, type PopupData } from '@/lib/popup/view-model';
import { alertSettingsItem, instancesItem, pollStatesItem, queueSnapshotsItem, slaSettingsItem, snoozesItem } from '@/lib/storage';
import { systemNow } from '@/lib/time';

// The state colours (components/sla-states.css) switch to dark under html.dark, like the badges' container.
const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
const followScheme = () => document.documentElement.classList.toggle('dark', darkScheme.matches);
followScheme();
darkScheme.addEventListener('change', followScheme);

// For the benchmark (scripts/bench-popup.ts): when this script started, after its modules loaded.
performance.mark('zso-popup-script');
// The browser's zone through Date's local-time methods: no Intl (and no ICU load) before the first frame.
const zone = LOCAL_ZONE;
const data = signal<PopupData | null>(null);
const refreshing = signal(false);
const notice = signal<string | null>(null);
// A screenful of rows first (the popup is 600 px tall), the rest right after that frame: a long queue must not
// delay the first sight of the most urgent tickets.
const FIRST_ROWS = 12;
const rowLimit = signal<number | undefined>(FIRST_ROWS);
// One clock for every row: each second while a deadline is within the hour, otherwise each minute.
const ticker = createTicker({ now: systemNow, skewMs: signal(0), setInterval: (fn, ms) => window.setInterval(fn, ms) });
const view = computed(() => popupView(data.value, ticker.now.value, { zone }));

async function load(): Promise<void> {
  const [instances, pollStates, snapshots, snoozes, shift, sla, alerts] = await Promise.all([
    instancesItem.get(),
    pollStatesItem.get(),
    queueSnapshotsItem.get(),
    snoozesItem.get(),
    shiftItem.getValue(),
    slaSettingsItem.get(),
    alertSettingsItem.get(),
  ]);
  data.value = { instances, pollStates, snapshots, snoozes, shift: parseShift(shift, zone), thresholds: sla.thresholds, snoozeDefault: alerts.snoozeDefault };
  ticker.refresh();
}

// Tell the ticker every running deadline, so it ticks each second when one is near.
const tracked = new Map<string, object>();
effect(() => {
  const v = view.value;
  if (v.kind !== 'ready') return;
  const seen = new Set<string>();
  for (const i of v.instances) {
    for (const r of i.rows) {
      const key = `${r.origin}|${r.id}`;
      seen.add(key);
      let owner = tracked.get(key);
      if (!owner) tracked.set(key, (owner = {}));
      ticker.track(owner, r.dueAt);
    }
  }
  for (const [key, owner] of tracked) if (!seen.has(key)) (ticker.untrack(owner), tracked.delete(key));
});

async function send(message: PopupMessage): Promise<void> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as PopupReply | undefined;
    notice.value = reply && !reply.ok ? reply.message : null;
  } catch {
    notice.value = 'The extension’s background worker did not answer. Try again in a moment.';
  }
}

const actions = {
  async onRefresh() {
    if (refreshing.peek()) return;
    refreshing.value = true;
    try {
      await send({ type: POPUP_REFRESH });
    } finally {
      refreshing.value = false;
    }
  },
  onOpen(origin: string, ticketId: number) {
    void send({ type: POPUP_OPEN_TICKET, origin, ticketId });
  },
  onSnooze(origin: string, ticketId: number, choice: SnoozeChoice) {
    const v = view.peek();
    const until = choice === 'hour' || v.kind !== 'ready' ? systemNow() + SNOOZE_HOUR_MS : v.shiftEndAt;
    void send({ type: POPUP_SNOOZE, origin, ticketId, until });
  },
  onUnsnooze(origin: string, ticketId: number) {
    void send({ type: POPUP_UNSNOOZE, origin, ticketId });
  },
  onCheckPage() {
    // The tab the popup was opened over; the check page falls back to the most recent Zendesk tab without it.
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => browser.tabs.create({ url: browser.runtime.getURL(`/check.html${tab?.id !== undefined ? `?tab=${tab.id}` : ''}`) }))
      .then(() => window.close());
  },
};

function Root() {
  return <PopupApp view={view.value} refreshing={refreshing.value} notice={notice.value} rowLimit={rowLimit.value} {...actions} />;
}

// The popup lives as long as it is open: the watchers and the interval go with the page.
// The settings too: a threshold or snooze default saved on the options page shows at once.
for (const item of [instancesItem, pollStatesItem, queueSnapshotsItem, snoozesItem, slaSettingsItem, alertSettingsItem]) item.item.watch(() => void load());
shiftItem.watch(() => void load());
render(<Root />, document.getElementById('app')!);
void load().then(() => {
  // For the benchmark (scripts/bench-popup.ts): when the queue first appeared, from navigation start.
  requestAnimationFrame(() => {
    document.documentElement.setAttribute('data-first-render-ms', String(performance.now()));
    setTimeout(() => (rowLimit.value = undefined));
  });
});
