/**
 * The guidance panel (issue 4): a second content script on the same pages as the badges, so the badges script
 * stays within its size budget. Wiring only; the work is in lib/guidance-ui.
 */
import { defineContentScript } from '#imports';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { startGuidanceShell } from '@/lib/guidance-ui/shell';
import { loadAgent, loadGuidanceTicket } from '@/lib/guidance-ui/ticket-source';
import { ZENDESK_AGENT_MATCHES } from '@/lib/zendesk/urls';

export default defineContentScript({
  matches: ZENDESK_AGENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const source = { origin: location.origin, fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init) };
    startGuidanceShell({
      doc: document,
      location,
      origin: location.origin,
      playbook: DEFAULT_PLAYBOOK,
      loadTicket: (id, signal) => loadGuidanceTicket(source, id, signal),
      loadAgent: (signal) => loadAgent(source, signal),
      writeClipboard: (text) => navigator.clipboard.writeText(text),
      now: () => Date.now(),
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      signal: ctx.signal,
    });
  },
});
