/**
 * Team scale (issue #3): 200 agents' real pollers, each with its own storage and session, against one replica
 * with Zendesk's Team-plan budget of 200 requests per minute, on a simulated clock. A shorter run of
 * scripts/simulate-team.ts (the full 90-minute numbers are in `npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { budgetSharePolicy, simulateTeam } from '../../../scripts/simulate-team';

const RUN = { agents: 200, budgetPerMinute: 200, minutes: 20, ticketsPerAgent: 6, breachingPerAgent: 2 };

describe('200 agents sharing a 200 requests/minute account', () => {
  it('stay within the budget and every agent gets each alert before the breach, once', async () => {
    const r = await simulateTeam(RUN);
    expect(r.alerts.expected).toBeGreaterThan(500);
    expect(r.maxRollingMinute).toBeLessThanOrEqual(200);
    expect(r.rateLimited).toBe(0);
    expect(r.alerts).toMatchObject({ missed: 0, late: 0, duplicates: 0 });
    // The team share is what keeps them inside: on a 200/min account nobody polls every minute for the whole run.
    expect(r.pollsPerAgent.max).toBeLessThan(RUN.minutes);
  }, 120_000);

  it('stay within the budget when every alarm fires on the same second', async () => {
    const r = await simulateTeam({ ...RUN, aligned: true });
    expect(r.maxRollingMinute).toBeLessThanOrEqual(200);
    expect(r.rateLimited).toBe(0);
    expect(r.alerts).toMatchObject({ missed: 0, late: 0, duplicates: 0 });
  }, 120_000);

  // Other API traffic on the account (Zendesk's own UI, integrations, the page badges): the poller's team share
  // (60% of the limit for the whole team) leaves it room, so nobody is refused and no queue goes stale.
  it('stay within the budget with 40 requests/minute of other traffic on the account', async () => {
    const r = await simulateTeam({ ...RUN, otherTrafficPerMinute: 40 });
    expect(r.maxRollingMinute).toBeLessThanOrEqual(200);
    expect(r.rateLimited).toBe(0);
    expect(r.otherRateLimited).toBe(0);
    expect(r.alerts).toMatchObject({ missed: 0, late: 0, duplicates: 0 });
  }, 120_000);

  it('with other traffic, a jittered per-agent share of the budget (the proposed change) gets every alert out before the breach', async () => {
    const r = await simulateTeam({ ...RUN, otherTrafficPerMinute: 40, policy: budgetSharePolicy });
    expect(r.alerts).toMatchObject({ missed: 0, late: 0, duplicates: 0 });
    // 429s remain only in the first minute, when every agent's first poll lands at once.
    expect(r.rateLimited).toBeLessThan(r.agentRequests * 0.03);
  }, 120_000);
});
