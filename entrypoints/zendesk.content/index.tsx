import { browser, defineContentScript } from '#imports';
import type { SlaIngestRequest, SlaIngestResponse } from '@/lib/messaging';
import { createSlaSource } from '@/lib/content/sla-source';
import { startPageRunner } from '@/lib/content/page-runner';
import { systemNow } from '@/lib/time';
import { ZENDESK_AGENT_MATCHES } from '@/lib/zendesk/urls';

export default defineContentScript({
  matches: ZENDESK_AGENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const { store } = startPageRunner({
      doc: document,
      location,
      load: createSlaSource({
        origin: location.origin,
        fetch: (input, init) => fetch(input, init),
        send: (request: SlaIngestRequest) => browser.runtime.sendMessage(request) as Promise<SlaIngestResponse>,
      }),
      now: systemNow,
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      setInterval: (fn, ms) => ctx.setInterval(fn, ms),
      signal: ctx.signal,
    });
    // Settings saved on the options page: the worker recomputes every ticket's clocks with them, no reload.
    // No removeListener on invalidation: an invalidated script's extension APIs deliver no more events, and the
    // store ignores a reload once its signal is aborted.
    browser.storage.onChanged.addListener((changes) => 'slaSettings' in changes && store.reload());
  },
});
