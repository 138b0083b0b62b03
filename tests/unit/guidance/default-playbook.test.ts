import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK, defaultPlaybookData } from '@/lib/guidance/default-playbook';
import { matchCards, matchRules } from '@/lib/guidance/evaluate';
import { validatePlaybook } from '@/lib/guidance/playbook-schema';
import type { GuidanceContext, GuidanceTicket } from '@/lib/guidance/ticket';
import { allSeedTickets, fixtureTicket, SEED, seedTicket, seedTicketBySubject, variant } from './tickets';

interface RuleCase {
  /** A ticket the rule must match (real where the seed or fixtures have one). */
  match: () => GuidanceTicket;
  /** A ticket that looks close but must not match. */
  nearMiss: () => GuidanceTicket;
  context?: GuidanceContext;
  nearMissContext?: GuidanceContext;
}

const plainEmail = (): GuidanceTicket => seedTicket(SEED.ticketNoSlaEmail);
const twitter = (): GuidanceTicket => seedTicket(SEED.ticketNoSlaTwitter);
const spamReport = (): GuidanceTicket =>
  variant(plainEmail(), { subject: 'Spammer creating hundreds of issues in our public project', description: 'Please remove this account.' });
const hamReport = (): GuidanceTicket =>
  variant(plainEmail(), { subject: 'My issue was flagged as spam', description: 'I get an error when I submit my bug report.' });

/** One pair per default rule; the meta-test below fails when a rule has none. */
const CASES: Record<string, RuleCase> = {
  emergency: { match: () => seedTicket(SEED.ticketEmergency), nearMiss: () => seedTicket(SEED.ticketDue12m) },
  'gitlab-com-downtime': {
    match: () => seedTicket(SEED.ticketPeriodicUpdate), // "degraded performance on gitlab.com"
    nearMiss: () => seedTicket(SEED.ticketEmergency), // a self-managed instance down is not GitLab.com downtime
  },
  'security-disclosure': {
    match: () => seedTicket(SEED.ticketSecurity),
    nearMiss: () => seedTicket(SEED.ticketNoSlaEmail2), // "copy of our SOC 2 report": compliance, not a disclosure
  },
  hackerone: {
    match: () => variant(seedTicket(SEED.ticketSecurity), { tags: ['hackerone'], subject: '[H1] Report #2411: SSRF in project import' }),
    nearMiss: () => seedTicket(SEED.ticketSecurity),
  },
  'regular-ticket': { match: plainEmail, nearMiss: () => fixtureTicket('ticket-email-solved') },
  'errors-on-gitlab-com': {
    match: () =>
      variant(seedTicket(SEED.ticketDue12m), {
        subject: 'Error 500 when opening merge requests',
        description: 'Every merge request page in our group on gitlab.com shows a 500 error.',
      }),
    nearMiss: () => seedTicket(SEED.ticketMultiMetric), // 500s on a self-managed instance: not in Sentry
  },
  'scheduled-upgrade-call': {
    match: () => seedTicketBySubject('Upgrade assistance request for 16.11 to 17.3'),
    nearMiss: () => seedTicket(SEED.ticketNoPriority), // "Question about upgrade path": no call requested
  },
  'unscheduled-call': {
    match: () => variant(seedTicket(SEED.ticketDue3h), { publicReplies: 3 }),
    nearMiss: () => seedTicket(SEED.ticketDue3h), // one public reply so far
  },
  'internal-request': {
    match: () => variant(plainEmail(), { requester: { email: 'sid@gitlab.com' } }),
    nearMiss: () => variant(plainEmail(), { requester: { email: 'sid@notgitlab.com' } }),
  },
  'light-agent': {
    match: plainEmail,
    context: { agent: { name: 'Lee Light', role: 'light_agent' } },
    nearMiss: plainEmail,
    nearMissContext: { agent: { name: 'Alex Agent', role: 'agent' } },
  },
  disqus: {
    match: () => seedTicket(SEED.ticketNoSlaDisqus),
    nearMiss: () => variant(seedTicket(SEED.ticketNoSlaDisqus), { tags: ['blog'], subject: 'Question about the 17.2 release post' }),
  },
  twitter: { match: twitter, nearMiss: () => seedTicket(SEED.ticketNoSlaFacebook) },
  'twitter-availability': {
    match: () => variant(twitter(), { description: '@gitlab is gitlab.com down? I get a 503 on every page' }),
    nearMiss: twitter,
  },
  'twitter-competitor': {
    match: () => variant(twitter(), { description: '@gitlab moving our repos from Bitbucket, any import tips?' }),
    nearMiss: twitter,
  },
  facebook: { match: () => seedTicket(SEED.ticketNoSlaFacebook), nearMiss: twitter },
  forum: { match: () => seedTicket(SEED.ticketNoSlaForum), nearMiss: () => seedTicket(SEED.ticketNoSlaStackOverflow) },
  'stack-overflow': { match: () => seedTicket(SEED.ticketNoSlaStackOverflow), nearMiss: () => seedTicket(SEED.ticketNoSlaForum) },
  'reddit-quora': {
    match: () => variant(seedTicket(SEED.ticketNoSlaStackOverflow), { tags: ['reddit'], subject: 'Reddit: runner on a Raspberry Pi' }),
    nearMiss: () => seedTicket(SEED.ticketNoSlaStackOverflow),
  },
  'support-tracker': {
    match: () => variant(plainEmail(), { description: 'Reported at https://gitlab.com/gitlab-com/support-forum/issues/4321' }),
    nearMiss: () => variant(plainEmail(), { description: 'Same as https://gitlab.com/gitlab-org/gitlab/-/issues/4321' }),
  },
  'product-issue-tracker': {
    match: () => variant(plainEmail(), { channel: 'api', tags: ['gitlab_ee_issue'] }),
    nearMiss: () => variant(plainEmail(), { description: 'Same as https://gitlab.com/gitlab-org/gitlab/-/issues/4321' }),
  },
  'code-of-conduct': {
    match: () => variant(plainEmail(), { tags: ['self_managed', 'hostile_user'] }),
    nearMiss: () => seedTicket(SEED.ticketHostileSubject), // hostile HTML, not a hostile user
  },
  'dormant-username': {
    match: () => variant(seedTicket(SEED.ticketNoSlaEmail2), { subject: 'Request to release a dormant username', description: 'The user "devops" has been inactive since 2019.' }),
    nearMiss: () => seedTicketBySubject('Wrong namespace storage usage shown'),
  },
  spam: { match: spamReport, nearMiss: hamReport },
  ham: { match: hamReport, nearMiss: spamReport },
  'free-plan': {
    match: () => variant(plainEmail(), { tags: ['free'] }),
    nearMiss: () => variant(seedTicket(SEED.ticketNoSlaForum), { tags: ['forum', 'free'] }), // already on the forum
  },
};

const ruleIds = DEFAULT_PLAYBOOK.rules.map((r) => r.id);

describe('the default playbook', () => {
  it('is a valid playbook, and its plain data validates to the same thing', () => {
    const again = validatePlaybook(defaultPlaybookData());
    expect(again.ok && again.playbook).toEqual(DEFAULT_PLAYBOOK);
  });

  it('has a matching ticket and a near miss for every rule, and no pair for a rule it lacks', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ruleIds].sort());
  });

  it.each(ruleIds)('%s: matches its ticket and not the near miss', (id) => {
    const c = CASES[id];
    if (!c) throw new Error(`no case for ${id}`);
    expect(matchRules(DEFAULT_PLAYBOOK, c.match(), c.context)).toContain(id);
    expect(matchRules(DEFAULT_PLAYBOOK, c.nearMiss(), c.nearMissContext ?? c.context)).not.toContain(id);
  });

  it('links every card to an https handbook section and cites its page', () => {
    for (const card of DEFAULT_PLAYBOOK.cards) {
      expect(card.handbook.url, card.id).toMatch(/^https:\/\/about\.gitlab\.com\/handbook\/support\/[^#]*#[a-z-]+$/);
      expect(card.handbook.page, card.id).toMatch(/handbook\/00[0-4]/);
    }
  });

  it('uses every card in some rule', () => {
    const used = new Set(DEFAULT_PLAYBOOK.rules.flatMap((r) => r.cards));
    expect(DEFAULT_PLAYBOOK.cards.filter((c) => !used.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});

describe('real fixture tickets (tests/fixtures/zendesk)', () => {
  it.each([
    ['search-urgent-api', ['emergency']],
    ['sideload-urgent-api', ['emergency']],
    ['slab-web-low', ['regular-ticket']],
    ['zenpy-sample', ['regular-ticket']],
    ['zenpy-view-api', ['regular-ticket']],
    ['ticket-email-solved', []],
  ] as const)('%s gets the rules %j', (name, rules) => {
    expect(matchRules(DEFAULT_PLAYBOOK, fixtureTicket(name))).toEqual(rules);
  });
});

describe('cards on the seeded tickets the browser tests will open', () => {
  const titles = (t: GuidanceTicket, ctx?: GuidanceContext): string[] => matchCards(DEFAULT_PLAYBOOK, t, ctx).map((m) => m.card.id);

  it('an emergency shows the first-response card, then the crisis steps, and nothing of regular tickets', () => {
    expect(titles(seedTicket(SEED.ticketEmergency))).toEqual(['emergency-first-response', 'emergency-crisis']);
  });

  it('a Twitter ticket shows the Twitter card and says why', () => {
    const [first, ...rest] = matchCards(DEFAULT_PLAYBOOK, seedTicket(SEED.ticketNoSlaTwitter));
    expect(first?.card.id).toBe('twitter');
    expect(first?.reasons).toEqual(['channel is "twitter"', 'tagged "twitter"']);
    expect(rest).toEqual([]);
  });

  it('a security disclosure shows the security card, because of its tag and subject', () => {
    const [first] = matchCards(DEFAULT_PLAYBOOK, seedTicket(SEED.ticketSecurity));
    expect(first?.card.id).toBe('security-disclosure');
    expect(first?.reasons).toEqual(['tagged "security"', 'subject mentions "Security disclosure"', 'not tagged "hackerone"']);
  });

  it('a plain email ticket shows only the FIFO card', () => {
    expect(titles(seedTicket(SEED.ticketNoSlaEmail))).toEqual(['regular-fifo']);
  });

  it('a light agent sees the light-agent card above the ticket\'s own cards', () => {
    expect(titles(seedTicket(SEED.ticketNoSlaEmail), { agent: { role: 'light_agent' } })).toEqual(['light-agent', 'regular-fifo']);
  });

  it('every live seeded ticket gets at least one card unless it is solved or closed', () => {
    const bare = allSeedTickets().filter((t) => matchCards(DEFAULT_PLAYBOOK, t).length === 0);
    expect(bare.map((t) => t.status).every((s) => s === 'solved' || s === 'closed')).toBe(true);
  });
});
