/**
 * The guidance panel (issue 4): a second content script on the same pages as the badges, so the badges script
 * stays within its size budget. Wiring only; the work is in lib/guidance-ui.
 *
 * The playbook is the team's when one was imported on the options page (replacing or extending the default), and
 * follows changes to it live. Only `validatePlaybook` comes in for that (lib/guidance-ui/storage.ts), never the
 * YAML parser: parsing imported files happens on the options page.
 */
import { defineContentScript } from '#imports';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { startGuidanceShell } from '@/lib/guidance-ui/shell';
import { effectivePlaybook, readTeamPlaybook, watchTeamPlaybook } from '@/lib/guidance-ui/storage';
import { loadAgent, loadGuidanceTicket } from '@/lib/guidance-ui/ticket-source';
import { ZENDESK_AGENT_MATCHES } from '@/lib/zendesk/urls';

export default defineContentScript({
  matches: ZENDESK_AGENT_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    // Read first, so a team's playbook never flashes the default's cards.
    const { team } = await readTeamPlaybook();
    if (ctx.isInvalid) return;
    const source = { origin: location.origin, fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init) };
    const shell = startGuidanceShell({
      doc: document,
      location,
      origin: location.origin,
      playbook: effectivePlaybook(team, DEFAULT_PLAYBOOK),
      loadTicket: (id, signal) => loadGuidanceTicket(source, id, signal),
      loadAgent: (signal) => loadAgent(source, signal),
      writeClipboard: (text) => navigator.clipboard.writeText(text),
      now: () => Date.now(),
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      signal: ctx.signal,
    });
    const unwatch = watchTeamPlaybook((read) => shell.setPlaybook(effectivePlaybook(read.team, DEFAULT_PLAYBOOK)));
    ctx.onInvalidated(unwatch);
  },
});
