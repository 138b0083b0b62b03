/**
 * The escalation script (issue 5): the "Escalate" button and dialog on ticket pages, STAR and emergency mode.
 * A third content script, so the badges script keeps its 40 KB budget; it carries Preact and the dialog only
 * (no zod, no calendar): the worker reads and validates Zendesk's data and runs the STAR's actions. Wiring only.
 */
import { browser, defineContentScript } from '#imports';
import { OPEN_ESCALATION } from '@/lib/messaging';
import { startEscalationShell } from '@/lib/star/shell';
import type { StarRecordView } from '@/lib/star/types';
import { ZENDESK_AGENT_MATCHES } from '@/lib/zendesk/urls';

export default defineContentScript({
  matches: ZENDESK_AGENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const shell = startEscalationShell({
      doc: document,
      location,
      send: (message) => browser.runtime.sendMessage(message),
      now: () => Date.now(),
      setInterval: (fn, ms) => ctx.setInterval(fn, ms),
      clearInterval: (id) => clearInterval(id as number),
      signal: ctx.signal,
    });
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'type' in message && message.type === OPEN_ESCALATION) shell.open();
    };
    browser.runtime.onMessage.addListener(onMessage);
    // The worker's STAR records (lib/storage.ts `starRecords`, written only by the worker): follow them live.
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !changes['starRecords']) return;
      const records = changes['starRecords'].newValue;
      if (typeof records !== 'object' || records === null) return;
      for (const [key, record] of Object.entries(records as Record<string, StarRecordView & { origin: string }>)) {
        if (key === `${location.origin}|${record.ticketId}`) shell.recordChanged(record.ticketId, record);
      }
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onStorage);
    });
  },
});
