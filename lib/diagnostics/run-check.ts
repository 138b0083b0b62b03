/**
 * Running the page check from an extension page: choose the Zendesk tab, inject entrypoints/page-check.ts into it
 * (only now, at the agent's request), and join its findings with what the worker recorded about Zendesk's answers.
 * Every failure becomes a message that says what to do.
 */
import { buildReport, pageFindingsSchema, type PageCheckReport } from './report';
import type { ResponseFacts } from './responses';

export interface CheckTab {
  id?: number;
  url?: string;
  lastAccessed?: number;
}

export interface RunCheckDeps {
  now: () => number;
  /** The tab the agent came from (the popup passes it), if any. */
  requestedTabId: number | null;
  getTab: (id: number) => Promise<CheckTab>;
  allTabs: () => Promise<CheckTab[]>;
  /** Origins of the Zendesk instances the extension knows. */
  knownOrigins: () => Promise<string[]>;
  /** Runs the page-check script in the tab and returns what it returned. */
  inject: (tabId: number) => Promise<unknown>;
  responseFacts: () => Promise<Record<string, ResponseFacts>>;
  extensionVersion: string;
  userAgent: string;
  browserInfo: () => Promise<{ name: string; version: string } | undefined>;
}

export type RunCheckResult = { ok: true; report: PageCheckReport; host: string } | { ok: false; message: string };

function agentOrigin(url: string | undefined, known: readonly string[]): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return known.includes(u.origin) && u.pathname.startsWith('/agent') ? u.origin : null;
  } catch {
    return null;
  }
}

const NO_TAB = 'No Zendesk agent tab to check. Open the Zendesk page that looks wrong (a ticket or a view), then open this check again from the toolbar button.';

export async function runPageCheck(deps: RunCheckDeps): Promise<RunCheckResult> {
  const known = await deps.knownOrigins();
  let tab: CheckTab | null = null;
  if (deps.requestedTabId !== null) tab = await deps.getTab(deps.requestedTabId).catch(() => null);
  if (!tab || agentOrigin(tab.url, known) === null) {
    // The most recently used Zendesk agent tab.
    const tabs = (await deps.allTabs()).filter((t) => agentOrigin(t.url, known) !== null);
    tab = tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
  }
  const origin = tab ? agentOrigin(tab.url, known) : null;
  if (!tab || tab.id === undefined || origin === null) return { ok: false, message: NO_TAB };
  let raw: unknown;
  try {
    raw = await deps.inject(tab.id);
  } catch {
    return {
      ok: false,
      message: `The browser did not let the extension look at the tab on ${new URL(origin).host} (it may still be loading, or its access was removed). Reload that tab, then check again.`,
    };
  }
  const findings = pageFindingsSchema.safeParse(raw);
  if (!findings.success) {
    return { ok: false, message: 'The check ran in the Zendesk tab but did not finish. Reload that tab, then check again.' };
  }
  const [facts, browserInfo] = await Promise.all([deps.responseFacts().catch(() => ({}) as Record<string, ResponseFacts>), deps.browserInfo().catch(() => undefined)]);
  return {
    ok: true,
    host: new URL(origin).host,
    report: buildReport({
      now: deps.now(),
      origin,
      findings: findings.data,
      responses: facts[origin] ?? null,
      extensionVersion: deps.extensionVersion,
      userAgent: deps.userAgent,
      browserInfo,
    }),
  };
}
