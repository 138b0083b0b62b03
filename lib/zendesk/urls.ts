/** Where the extension runs. Kept in one place: the manifest, the content script and tests read it. */
export const ZENDESK_HOST_PERMISSIONS = ['https://*.zendesk.com/*'] as const;
export const ZENDESK_AGENT_MATCHES = ['https://*.zendesk.com/agent/*'];
/** Only in `npm run build:e2e`: the local Zendesk replica used by the demo and the browser tests. */
export const E2E_HOST_PERMISSIONS = ['http://localhost/*', 'http://127.0.0.1/*'];
export const E2E_AGENT_MATCHES = ['http://localhost/agent/*', 'http://127.0.0.1/agent/*'];

export type AgentRoute =
  | { kind: 'ticket'; ticketId: number }
  | { kind: 'view'; viewId: number }
  | { kind: 'search'; query: string }
  | { kind: 'other' };

/** Reads the Agent Workspace route from a location (REFERENCE.md §3 route patterns). */
export function parseAgentRoute(location: Pick<Location, 'pathname' | 'search'>): AgentRoute {
  const path = location.pathname;
  const ticket = /^\/agent\/tickets\/(\d+)(?:\/|$)/.exec(path);
  if (ticket) return { kind: 'ticket', ticketId: Number(ticket[1]) };
  const view = /^\/agent\/filters\/(\d+)(?:\/|$)/.exec(path);
  if (view) return { kind: 'view', viewId: Number(view[1]) };
  if (/^\/agent\/search(?:\/|$)/.test(path)) {
    const q = new URLSearchParams(location.search).get('q') ?? '';
    return { kind: 'search', query: q };
  }
  return { kind: 'other' };
}
