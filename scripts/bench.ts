/**
 * `npm run bench`: the numbers issue #2 sets targets for, measured on this machine.
 * - content script size (production build), minified and gzip;
 * - time from a ticket pane appearing to its badge, in Chromium, with the ticket's SLA data cached;
 * - the business-hours engine against moment-business-time on 100,000 deadlines;
 * - API requests the extension makes per page of a view list.
 * Benchmarks print; they never fail a test run (tests assert behaviour, not timings).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SEED, startReplica, type Replica } from '../replica/server';
import { benchEngine } from './bench-engine';
import { benchGuidance } from './bench-guidance';
import { benchPopup } from './bench-popup';
import { requestsPerPoll, workerHeapWith1000Tickets } from './bench-worker';
import { formatTeamResult, simulateTeam } from './simulate-team';
import { buildExtension, launchWithExtension, REPO_ROOT, signIn } from './browser';

const LATENCY_SAMPLES = 200;

function kb(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024).toFixed(1)} KiB)`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function contentScriptSize(): { minified: number; gzip: number } {
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build failed');
  const code = readFileSync(join(REPO_ROOT, '.output/chrome-mv3/content-scripts/zendesk.js'));
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** API requests the extension sent (the replica's own agent app tags its requests with `_client`). */
function extensionRequests(replica: Replica, since: number) {
  return replica.requests.slice(since).filter((r) => r.query['_client'] !== 'agent-app');
}

async function browserNumbers() {
  await buildExtension();
  const replica = await startReplica({ port: 0 });
  const browser = await launchWithExtension({});
  try {
    await signIn(browser.context, replica);
    const page = await browser.context.newPage();
    await page.goto(`${replica.url}/agent/tickets/${SEED.ticketDue3h}`);
    await page.locator('zso-sla-badge[data-zso-place="ticket"][data-sla-state]').waitFor();
    // A new ticket pane appears (as when Zendesk mounts a ticket tab); its data is cached from the first load.
    const samples = await page.evaluate(async (n) => {
      const panes = document.querySelector('main#main_panes')!;
      const original = [...panes.children].find(
        (c) => (c as HTMLElement).style.display !== 'none' && c.querySelector('input[data-test-id="omni-header-subject"]'),
      ) as HTMLElement;
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const clone = original.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('zso-sla-badge').forEach((b) => b.remove());
        times.push(
          await new Promise<number>((resolve) => {
            let t0 = 0;
            const observer = new MutationObserver(() => {
              if (clone.querySelector('zso-sla-badge[data-sla-state]')) {
                observer.disconnect();
                resolve(performance.now() - t0);
              }
            });
            observer.observe(clone, { subtree: true, childList: true, attributes: true });
            original.style.display = 'none';
            t0 = performance.now();
            panes.append(clone);
          }),
        );
        clone.remove();
        original.style.display = '';
        await new Promise((r) => setTimeout(r, 10));
      }
      return times;
    }, LATENCY_SAMPLES);
    samples.sort((a, b) => a - b);

    // Requests per page of a view: page 1, then page 2 through the pager.
    const perPage: number[] = [];
    let mark = replica.requests.length;
    await page.goto(`${replica.url}/agent/filters/${SEED.viewAllUnsolved}`);
    for (let p = 1; p <= 2; p++) {
      const rows = page.locator('tr[data-test-id="generic-table-row"]');
      await rows.first().waitFor();
      const count = await rows.count();
      await page.waitForFunction((c) => document.querySelectorAll('zso-sla-badge[data-zso-place="row"][data-sla-state]:not([data-sla-state="none"])').length >= c - 2, count);
      await page.waitForTimeout(300);
      perPage.push(extensionRequests(replica, mark).length);
      mark = replica.requests.length;
      if (p === 1) await page.locator('[data-test-id="generic-table-pagination-next"]').click();
    }
    return { latency: { median: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)!, n: samples.length }, perPage };
  } finally {
    await browser.close();
    await replica.close();
  }
}

async function main(): Promise<void> {
  const size = contentScriptSize();
  const engine = await benchEngine();
  const { latency, perPage } = await browserNumbers();
  const rows: [string, string, string][] = [
    ['content script (minified)', kb(size.minified), 'target ≤ 40 KB = 40,000 bytes'],
    ['content script (gzip -9)', kb(size.gzip), ''],
    [`pane → badge, cached (n=${latency.n})`, `median ${latency.median.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms, max ${latency.max.toFixed(2)} ms`, 'target p95 ≤ 50 ms'],
    [`engine: ${engine.samples.toLocaleString('en-US')} deadlines`, `${engine.ours.ms.toFixed(1)} ms (${Math.round(engine.ours.opsPerSec).toLocaleString('en-US')}/s)`, ''],
    ['moment-business-time, same work', `${engine.moment.ms.toFixed(1)} ms (${Math.round(engine.moment.opsPerSec).toLocaleString('en-US')}/s)`, ''],
    ['engine speed-up', `${engine.ratio.toFixed(0)}x, identical results: ${engine.identical}`, 'target ≥ 5x, identical'],
    ['API requests per view page (30 rows)', perPage.map((n, i) => `page ${i + 1}: ${n}`).join(', '), 'one batched request per page'],
  ];
  // Issue #3: the background worker.
  const perPoll = await requestsPerPoll([10, 100, 1000]);
  for (const p of perPoll) rows.push([`worker: requests per poll, ${p.tickets.toLocaleString('en-US')} tickets`, `${p.requests} (${p.ticketsStored.toLocaleString('en-US')} stored)`, `target ceil(N/100) = ${Math.ceil(p.tickets / 100)}`]);
  const heap = await workerHeapWith1000Tickets();
  rows.push([`worker heap, ${heap.tickets.toLocaleString('en-US')} tickets (after GC)`, `${(heap.usedBytes / 1024 / 1024).toFixed(2)} MB used of ${(heap.totalBytes / 1024 / 1024).toFixed(2)} MB`, 'target < 15 MB']);
  // Issue #4: guidance.
  const guidance = await benchGuidance();
  rows.push([`guidance: ${guidance.rules} rules, per ticket`, `median ${guidance.perTicketMs.median.toFixed(3)} ms, p95 ${guidance.perTicketMs.p95.toFixed(3)} ms`, 'target < 1 ms']);
  const popup = await benchPopup();
  rows.push(['popup first render, 200 tickets', `median ${popup.firstRenderMs.median} ms, p95 ${popup.firstRenderMs.p95} ms (own work: median ${popup.appMs.median} ms)`, 'target < 100 ms']);
  const teams = [
    await simulateTeam({ minutes: 90 }),
    await simulateTeam({ minutes: 90, aligned: true }),
    await simulateTeam({ minutes: 90, otherTrafficPerMinute: 40 }),
    await simulateTeam({ minutes: 90, otherTrafficPerMinute: 40, aligned: true }),
  ];
  for (const t of teams) {
    const o = t.options;
    const label = `team: ${o.agents} agents @${o.budgetPerMinute}/min${o.aligned ? ', aligned' : ''}${o.otherTrafficPerMinute ? `, +${o.otherTrafficPerMinute}/min other` : ''}${t.options.policy === 'committed poller' ? '' : ', budget share'}`;
    const value = `max ${t.maxRollingMinute}/rolling min, ${t.rateLimited} 429s; alerts ${t.alerts.expected - t.alerts.late - t.alerts.missed}/${t.alerts.expected} before breach, ${t.alerts.late} late, ${t.alerts.missed} missed, ${t.alerts.duplicates} dup`;
    rows.push([label, value, t.verdict.pass ? 'PASS' : 'FAIL: within budget & every alert before breach']);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log('\nzendesk-sla-overlay benchmarks');
  for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value}${target ? `   (${target})` : ''}`);
  console.log('\nTeam simulation details');
  for (const t of teams) console.log(formatTeamResult(t));
}

await main();
