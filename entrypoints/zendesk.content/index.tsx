import { browser, defineContentScript } from '#imports';
import type { SlaIngestRequest, SlaIngestResponse } from '@/lib/messaging';
import { createSlaSource } from '@/lib/content/sla-source';
import { startPageRunner } from '@/lib/content/page-runner';
import { DEFAULT_THRESHOLDS } from '@/lib/sla/types';
import { systemNow } from '@/lib/time';
import { ZENDESK_AGENT_MATCHES } from '@/lib/zendesk/urls';

export default defineContentScript({
  matches: ZENDESK_AGENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    startPageRunner({
      doc: document,
      location,
      load: createSlaSource({
        origin: location.origin,
        fetch: (input, init) => fetch(input, init),
        send: (request: SlaIngestRequest) => browser.runtime.sendMessage(request) as Promise<SlaIngestResponse>,
      }),
      now: systemNow,
      thresholds: () => DEFAULT_THRESHOLDS,
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      setInterval: (fn, ms) => ctx.setInterval(fn, ms),
      signal: ctx.signal,
    });
  },
});
