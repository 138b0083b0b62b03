/**
 * Guidance engine speed: a 200-rule playbook (the default plus generated rules in the same shapes: channels, tags,
 * subject and description patterns, reply counts, nested any/all/not) evaluated with matchCards over every live
 * seeded ticket of the replica. Target: under 1 ms per ticket. Run: `npx tsx scripts/bench-guidance.ts`.
 *
 * Each sample times one pass over all seeded tickets and divides by their number (one ticket takes a few
 * microseconds, below what a single timer reading resolves well).
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_PLAYBOOK, defaultPlaybookData } from '../lib/guidance/default-playbook';
import { matchCards } from '../lib/guidance/evaluate';
import { validatePlaybook, type Playbook, type PlaybookInput } from '../lib/guidance/playbook-schema';
import { guidanceTicketFromApi, type GuidanceTicket } from '../lib/guidance/ticket';
import { ticketJson, userJson } from '../replica/model';
import { ReplicaStore } from '../replica/store';

const RULES = 200;
const SAMPLES = 400;
const BASE_URL = 'https://replica.zendesk.example';

export function benchPlaybook(rules = RULES): Playbook {
  const data: PlaybookInput = defaultPlaybookData();
  const channels = ['email', 'web', 'api', 'twitter', 'chat', 'voice'];
  const words = ['runner', 'pipeline', 'ldap', 'saml', 'geo', 'registry', 'backup', 'upgrade', 'webhook', 'license'];
  for (let i = data.rules.length; i < rules; i++) {
    const w = words[i % words.length] ?? 'gitlab';
    data.cards.push({
      id: `generated-${i}`,
      title: `Generated card ${i}`,
      importance: i % 1000,
      why: 'Benchmark filler.',
      handbook: { page: 'bench', section: 'bench', url: 'https://about.gitlab.com/handbook/support/#bench' },
      checks: [{ id: 'c', severity: 'warning', message: 'Bench check.', must_contain: [{ pattern: `\\b${w}s?\\b` }] }],
    });
    data.rules.push({
      id: `generated-${i}`,
      detection: 'Benchmark filler.',
      when: {
        all: [
          { any: [{ channel: [channels[i % channels.length] ?? 'email'] }, { tags: { any: [`tag_${i % 17}`, 'saas'] } }] },
          { any: [{ subject: `\\b${w}\\w*\\b.{0,40}(fail|error|stuck|${i})` }, { description: `(cannot|can't|unable to)\\s+\\w+\\s+${w}` }] },
          { not: { status: ['closed'] } },
          ...(i % 5 === 0 ? [{ public_replies: { min: i % 4 } }] : []),
        ],
      },
      cards: [`generated-${i}`],
    });
  }
  const r = validatePlaybook(data);
  if (!r.ok) throw new Error(`bench playbook invalid: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.playbook;
}

export function seedGuidanceTickets(now = Date.UTC(2024, 2, 6, 18)): GuidanceTicket[] {
  const store = new ReplicaStore(() => now);
  return store.liveTickets().map((t) => {
    const requester = store.user(t.requesterId);
    const r = guidanceTicketFromApi(
      ticketJson(t, { baseUrl: BASE_URL, now, slas: false }),
      requester && userJson(requester, BASE_URL),
      store.metricSet(t, BASE_URL),
    );
    if (!r.ok) throw new Error(r.error);
    return r.ticket;
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export async function benchGuidance(): Promise<{ rules: number; tickets: number; perTicketMs: { median: number; p95: number }; compileMs: number }> {
  const playbook = benchPlaybook();
  const tickets = seedGuidanceTickets();
  const first = tickets[0];
  if (!first) throw new Error('the replica seed has no tickets');
  const t0 = performance.now();
  matchCards(playbook, first); // the first call compiles and caches the patterns
  const compileMs = performance.now() - t0;
  let sink = 0;
  for (let i = 0; i < 50; i++) for (const t of tickets) sink += matchCards(playbook, t).length; // warm-up
  const perTicket: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const start = performance.now();
    for (const t of tickets) sink += matchCards(playbook, t).length;
    perTicket.push((performance.now() - start) / tickets.length);
    if (s % 50 === 0) await Promise.resolve();
  }
  if (sink < 0) console.log(sink);
  perTicket.sort((a, b) => a - b);
  return { rules: playbook.rules.length, tickets: tickets.length, perTicketMs: { median: quantile(perTicket, 0.5), p95: quantile(perTicket, 0.95) }, compileMs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchGuidance();
  console.log(`guidance: ${r.rules} rules (default ${DEFAULT_PLAYBOOK.rules.length} + generated), ${r.tickets} seeded tickets`);
  console.log(`  per ticket: median ${(r.perTicketMs.median * 1000).toFixed(1)} µs, p95 ${(r.perTicketMs.p95 * 1000).toFixed(1)} µs (target < 1 ms)`);
  console.log(`  first call (compiles ${r.rules} rules): ${r.compileMs.toFixed(2)} ms`);
}
