/**
 * The page check's shell (wiring only): runs lib/diagnostics/run-check.ts for the tab named in `?tab=` (the popup
 * passes the active tab) or the most recent Zendesk agent tab, renders the pure `PageCheck`, copies the report.
 */
import { browser } from '#imports';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { PageCheck, type PageCheckView } from '@/components/PageCheck';
import '@/components/PageCheck.css';
import { runPageCheck } from '@/lib/diagnostics/run-check';
import { instancesItem, responseFactsItem } from '@/lib/storage';
import { systemNow } from '@/lib/time';

const view = signal<PageCheckView>({ kind: 'running' });
const copyNotice = signal<string | null>(null);
const requested = Number(new URLSearchParams(location.search).get('tab'));

async function check(): Promise<void> {
  view.value = { kind: 'running' };
  copyNotice.value = null;
  const runtime = browser.runtime as typeof browser.runtime & { getBrowserInfo?: () => Promise<{ name: string; version: string }> };
  const result = await runPageCheck({
    now: systemNow,
    requestedTabId: Number.isInteger(requested) && requested > 0 ? requested : null,
    getTab: (id) => browser.tabs.get(id),
    allTabs: () => browser.tabs.query({}),
    knownOrigins: async () => (await instancesItem.get()).map((i) => i.origin),
    inject: async (tabId) => (await browser.scripting.executeScript({ target: { tabId }, files: ['/page-check.js'] }))[0]?.result,
    responseFacts: () => responseFactsItem.get(),
    extensionVersion: browser.runtime.getManifest().version,
    userAgent: navigator.userAgent,
    browserInfo: async () => runtime.getBrowserInfo?.(),
  });
  view.value = result.ok ? { kind: 'done', report: result.report, reportJson: JSON.stringify(result.report, null, 1), host: result.host } : { kind: 'problem', message: result.message };
}

async function copy(): Promise<void> {
  const v = view.peek();
  if (v.kind !== 'done') return;
  try {
    await navigator.clipboard.writeText(v.reportJson);
    copyNotice.value = 'Report copied. Paste it into your message to us.';
  } catch {
    copyNotice.value = 'The browser did not allow copying. Open "What the report holds" below and copy the text from there.';
  }
}

function Root() {
  return <PageCheck view={view.value} copyNotice={copyNotice.value} onCheckAgain={() => void check()} onCopy={() => void copy()} />;
}

render(<Root />, document.getElementById('app')!);
void check();
