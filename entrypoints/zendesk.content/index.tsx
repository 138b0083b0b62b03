import { defineContentScript } from '#imports';
import { startPageRunner } from '@/lib/content/page-runner';
import { gitlabCalendar } from '@/lib/sla/calendar';
import { ticketMetrics } from '@/lib/sla/evaluate';
import { SLA_PRESETS, DEFAULT_PRESET_ID } from '@/lib/sla/presets';
import { DEFAULT_THRESHOLDS } from '@/lib/sla/types';
import { systemNow } from '@/lib/time';
import { createApiClient } from '@/lib/zendesk/api';
import { ZENDESK_AGENT_MATCHES } from '@/lib/zendesk/urls';

export default defineContentScript({
  matches: ZENDESK_AGENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const calendar = gitlabCalendar('global');
    const preset = SLA_PRESETS[DEFAULT_PRESET_ID];
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    startPageRunner({
      doc: document,
      location,
      api: createApiClient({ origin: location.origin }),
      now: systemNow,
      computeMetrics: (data) => ticketMetrics(data.ticket, data.metricSet, { preset, calendar }),
      viewOptions: () => ({ thresholds: DEFAULT_THRESHOLDS, calendar, zone }),
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      setInterval: (fn, ms) => ctx.setInterval(fn, ms),
      signal: ctx.signal,
    });
  },
});
