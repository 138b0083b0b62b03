import { describe, expect, it } from 'vitest';
import { hookLine, instanceKind } from '@/lib/diagnostics/report';
import { MAX_ERRORS, withError, withSample, type ResponseSample } from '@/lib/diagnostics/responses';
import { runPageCheck, type RunCheckDeps } from '@/lib/diagnostics/run-check';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const ORIGIN = 'https://acme.zendesk.com';
const findings = {
  route: 'ticket',
  hooks: [{ hook: 'ticket-pane', matched: 'data-test-id', fallback: false }],
  skeleton: { root: { tag: 'html' }, nodes: 1, truncated: false },
};

function deps(over: Partial<RunCheckDeps> = {}): RunCheckDeps {
  return {
    now: () => NOW,
    requestedTabId: null,
    getTab: async (id) => ({ id, url: `${ORIGIN}/agent/tickets/5` }),
    allTabs: async () => [],
    knownOrigins: async () => [ORIGIN],
    inject: async () => findings,
    responseFacts: async () => ({}),
    extensionVersion: '0.1.0',
    userAgent: 'UA',
    browserInfo: async () => undefined,
    ...over,
  };
}

describe('running the page check', () => {
  it('checks the tab the popup named, and says which kind of host it is without naming it in the report', async () => {
    const r = await runPageCheck(deps({ requestedTabId: 7 }));
    expect(r.ok && r.host).toBe('acme.zendesk.com');
    expect(r.ok && r.report.page).toEqual({ instance: 'zendesk.com', route: 'ticket' });
    expect(JSON.stringify(r.ok && r.report)).not.toContain('acme');
  });

  it('falls back to the most recently used Zendesk agent tab when the named one is not a Zendesk page', async () => {
    const injected: number[] = [];
    const r = await runPageCheck(
      deps({
        requestedTabId: 1,
        getTab: async (id) => ({ id, url: 'https://example.com/' }),
        allTabs: async () => [
          { id: 2, url: `${ORIGIN}/agent/filters/1`, lastAccessed: 10 },
          { id: 3, url: `${ORIGIN}/agent/tickets/9`, lastAccessed: 30 },
          { id: 4, url: `${ORIGIN}/hc/en-us`, lastAccessed: 50 },
          { id: 5, url: 'https://other.zendesk.com/agent/tickets/1', lastAccessed: 60 },
        ],
        inject: async (id) => (injected.push(id), findings),
      }),
    );
    expect(r.ok).toBe(true);
    expect(injected).toEqual([3]);
  });

  it('says what to do when no Zendesk agent tab is open', async () => {
    const r = await runPageCheck(deps({ getTab: async () => ({}) , requestedTabId: 1 }));
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^No Zendesk agent tab to check\. Open the Zendesk page/) });
  });

  it('says what to do when the browser refuses to run the check, or the check returns something else', async () => {
    const refused = await runPageCheck(deps({ requestedTabId: 7, inject: async () => Promise.reject(new Error('Cannot access contents of the page')) }));
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('Reload that tab, then check again') });
    const odd = await runPageCheck(deps({ requestedTabId: 7, inject: async () => ({ route: 'ticket', hooks: 'nope' }) }));
    expect(odd).toEqual({ ok: false, message: expect.stringContaining('did not finish') });
  });

  it("joins what the worker recorded about this instance's answers, not another's", async () => {
    const sample: ResponseSample = { at: NOW - 60_000, source: 'page', endpoint: 'show_many', tickets: 30, withSlas: 0, withMetricSets: 30 };
    const r = await runPageCheck(
      deps({ requestedTabId: 7, responseFacts: async () => ({ [ORIGIN]: { samples: [sample], errors: [] }, 'https://b.zendesk.com': { samples: [], errors: [{ at: NOW, source: 'poll', kind: 'server', status: 500 }] } }) }),
    );
    expect(r.ok && r.report.responses).toEqual({ samples: [sample], errors: [] });
  });
});

describe('the report, for a person', () => {
  it('says per hook whether it held, fell back, is missing, or does not apply here', () => {
    expect(hookLine({ hook: 'tabs', matched: 'data-entity-id', fallback: false, count: 3 })).toEqual({ label: 'Ticket tabs', verdict: 'ok', detail: 'Found (data-entity-id) (3)' });
    expect(hookLine({ hook: 'tabs', matched: 'subtitle text', fallback: true, count: 2 }).verdict).toBe('fallback');
    expect(hookLine({ hook: 'composer', matched: null, fallback: false }).verdict).toBe('missing');
    expect(hookLine({ hook: 'rows', matched: null, fallback: false, notApplicable: 'not a view or search page' })).toMatchObject({ verdict: 'not-applicable', detail: 'Not checked: not a view or search page' });
  });

  it('tells a zendesk.com instance from a custom domain and the local replica', () => {
    expect(instanceKind('https://acme.zendesk.com')).toBe('zendesk.com');
    expect(instanceKind('https://support.acme.com')).toBe('custom domain');
    expect(instanceKind('http://127.0.0.1:4477')).toBe('local replica');
  });
});

describe('recorded response facts', () => {
  const s = (over: Partial<ResponseSample> = {}): ResponseSample => ({ at: NOW, source: 'page', endpoint: 'ticket', tickets: 1, withSlas: 1, withMetricSets: 1, ...over });

  it('keep the latest sample per source and endpoint, and skip a write when nothing changed', () => {
    const one = withSample(undefined, s());
    expect(withSample(one, s({ at: NOW + 60_000 }))).toBe(one);
    const changed = withSample(one, s({ at: NOW + 60_000, withSlas: 0 }));
    expect(changed.samples).toEqual([s({ at: NOW + 60_000, withSlas: 0 })]);
    const refreshed = withSample(one, s({ at: NOW + 11 * 60_000 }));
    expect(refreshed).not.toBe(one);
    expect(withSample(one, s({ endpoint: 'search', source: 'poll' })).samples).toHaveLength(2);
  });

  it('keep only the newest errors', () => {
    let facts = withSample(undefined, s());
    for (let i = 0; i < MAX_ERRORS + 3; i++) facts = withError(facts, { at: NOW + i, source: 'poll', kind: 'server', status: 500 + i });
    expect(facts.errors).toHaveLength(MAX_ERRORS);
    expect(facts.errors.at(-1)?.status).toBe(500 + MAX_ERRORS + 2);
  });
});
