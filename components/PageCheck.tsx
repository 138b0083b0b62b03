/**
 * The page check (docs/page-check.md): for one Zendesk tab, which of the extension's hooks held, what the last
 * Zendesk answers carried, the last errors, the versions, and a "Copy report" whose JSON holds no page text.
 * Pure: a `PageCheckView` in, callbacks out; entrypoints/check/main.tsx runs the check.
 */
import { hookLine, type PageCheckReport } from '@/lib/diagnostics/report';
import type { ResponseFacts } from '@/lib/diagnostics/responses';

export type PageCheckView =
  | { kind: 'running' }
  /** No Zendesk tab to check, or the browser refused to run the check in it: what happened and what to do. */
  | { kind: 'problem'; message: string }
  | { kind: 'done'; report: PageCheckReport; reportJson: string; host: string };

export interface PageCheckProps {
  view: PageCheckView;
  /** The outcome of "Copy report" ("Copied." or why not). */
  copyNotice: string | null;
  onCheckAgain: () => void;
  onCopy: () => void;
}

const VERDICT_TEXT = { ok: 'OK', fallback: 'Fallback', missing: 'Not found', 'not-applicable': 'n/a' } as const;

function ago(now: number, at: number): string {
  const minutes = Math.max(0, Math.round((now - at) / 60_000));
  return minutes < 1 ? 'just now' : minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

const ENDPOINT_TEXT = { ticket: 'One ticket', show_many: 'Ticket list (show_many)', search: 'Queue search' } as const;
const SOURCE_TEXT = { page: 'this page', poll: 'background poll' } as const;

function Responses({ facts, now }: { facts: ResponseFacts | null; now: number }) {
  if (!facts || (facts.samples.length === 0 && facts.errors.length === 0)) {
    return <p>No Zendesk answer recorded for this Zendesk yet: open a ticket or a view, then check again.</p>;
  }
  return (
    <>
      {facts.samples.length > 0 ? (
        <table class="facts">
          <caption>Did Zendesk's answers carry SLA data?</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Tickets</th>
              <th scope="col">With SLAs</th>
              <th scope="col">With reply metrics</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {facts.samples.map((s) => (
              <tr key={`${s.source}-${s.endpoint}`} data-endpoint={s.endpoint}>
                <th scope="row">
                  {ENDPOINT_TEXT[s.endpoint]} ({SOURCE_TEXT[s.source]})
                </th>
                <td>{s.tickets}</td>
                <td class={s.withSlas < s.tickets ? 'warn' : undefined}>{s.withSlas}</td>
                <td class={s.withMetricSets < s.tickets ? 'warn' : undefined}>{s.withMetricSets}</td>
                <td>{ago(now, s.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {facts.errors.length > 0 ? (
        <>
          <h3>Last errors from Zendesk</h3>
          <ul class="errors">
            {facts.errors.map((e) => (
              <li key={`${e.at}-${e.kind}`}>
                {e.kind}
                {e.status !== undefined ? ` (${e.status})` : ''} from {SOURCE_TEXT[e.source]}, {ago(now, e.at)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No recent errors from Zendesk.</p>
      )}
    </>
  );
}

export function PageCheck({ view, copyNotice, onCheckAgain, onCopy }: PageCheckProps) {
  return (
    <main class="check" aria-busy={view.kind === 'running'}>
      <h1>Check this Zendesk page</h1>
      <p class="lead">
        What the extension recognised on the Zendesk tab. If something is not found, copy the report and send it to
        us: it holds the page's structure and the extension's findings, no ticket text, names, emails or numbers.
      </p>
      {view.kind === 'running' ? <p role="status">Checking the Zendesk tab…</p> : null}
      {view.kind === 'problem' ? (
        <div class="problem" role="alert">
          <p>{view.message}</p>
          <button type="button" onClick={onCheckAgain}>
            Check again
          </button>
        </div>
      ) : null}
      {view.kind === 'done' ? (
        <>
          <p class="target">
            Checked <strong>{view.host}</strong>, a {view.report.page.route === 'other' ? 'Zendesk' : view.report.page.route} page, at{' '}
            {new Date(view.report.checkedAt).toLocaleTimeString()}.
          </p>
          <section aria-labelledby="hooks-heading">
            <h2 id="hooks-heading">Page hooks</h2>
            <table class="hooks">
              <thead>
                <tr>
                  <th scope="col">What the extension looks for</th>
                  <th scope="col">Result</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {view.report.hooks.map((h) => {
                  const line = hookLine(h);
                  return (
                    <tr key={h.hook} data-hook={h.hook} data-verdict={line.verdict}>
                      <th scope="row">{line.label}</th>
                      <td class={`verdict verdict-${line.verdict}`}>{VERDICT_TEXT[line.verdict]}</td>
                      <td>{line.detail}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="responses-heading">
            <h2 id="responses-heading">Zendesk's answers</h2>
            <Responses facts={view.report.responses} now={Date.parse(view.report.checkedAt)} />
          </section>
          <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">Versions</h2>
            <dl class="versions">
              <dt>Extension</dt>
              <dd>{view.report.extension.version}</dd>
              <dt>Browser</dt>
              <dd>{view.report.browser.name ? `${view.report.browser.name} ${view.report.browser.version}` : view.report.browser.userAgent}</dd>
              <dt>Page structure</dt>
              <dd>
                {view.report.skeleton.nodes} elements{view.report.skeleton.truncated ? ' (cut short)' : ''}, report {view.reportJson.length.toLocaleString()} characters
              </dd>
            </dl>
          </section>
          <div class="actions">
            <button type="button" class="primary" onClick={onCopy}>
              Copy report
            </button>
            <button type="button" onClick={onCheckAgain}>
              Check again
            </button>
            <span role="status" class="copy-notice">
              {copyNotice}
            </span>
          </div>
          <details>
            <summary>What the report holds</summary>
            <pre class="report" data-testid="page-check-report">
              {view.reportJson}
            </pre>
          </details>
        </>
      ) : null}
    </main>
  );
}
