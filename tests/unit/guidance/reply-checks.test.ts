import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { characterCount, checkReply, matchCards, type DraftReply, type ReplyContext } from '@/lib/guidance/evaluate';
import type { GuidanceContext, GuidanceTicket } from '@/lib/guidance/ticket';
import { SEED, seedTicket, variant } from './tickets';

const FIRST: ReplyContext = { firstPublicReply: true, slaKeepsRunning: true };
const LATER: ReplyContext = { firstPublicReply: false, slaKeepsRunning: true };

function warnings(ticket: GuidanceTicket, draft: DraftReply, ctx: ReplyContext, who: GuidanceContext = {}): { id: string; details: string[] }[] {
  return checkReply(matchCards(DEFAULT_PLAYBOOK, ticket, who), draft, ctx).map((w) => ({ id: `${w.cardId}/${w.checkId}`, details: w.details }));
}
const publicReply = (text: string): DraftReply => ({ text, public: true });

describe('security replies', () => {
  const security = (): GuidanceTicket => seedTicket(SEED.ticketSecurity);

  it('warns when the reply lacks the "email us any time for an update" line', () => {
    expect(warnings(security(), publicReply('Thanks, we are looking into it and will get back to you.'), LATER)).toEqual([
      { id: 'security-disclosure/email-any-time', details: ['missing: the line saying they can email us at any time for an update'] },
    ]);
  });

  it.each([
    'Thanks! You can email us at any time for an update.',
    'Feel free to e-mail us anytime for an update.',
    'Please contact us at any time if you want an update.',
  ])('accepts "%s"', (text) => {
    expect(warnings(security(), publicReply(text), LATER)).toEqual([]);
  });

  it.each(["There is no problem here.", "there's no security issue", 'This is not a vulnerability.'])(
    'warns when the reply says "%s", quoting it',
    (text) => {
      const w = warnings(security(), publicReply(`${text} You can email us any time for an update.`), LATER);
      expect(w).toHaveLength(1);
      expect(w[0]?.id).toBe('security-disclosure/no-problem');
      expect(w[0]?.details[0]).toMatch(/^says "/);
    },
  );

  it('does not check internal notes or an empty draft', () => {
    expect(warnings(security(), { text: 'there is no problem, closing', public: false }, LATER)).toEqual([]);
    expect(warnings(security(), publicReply('   '), LATER)).toEqual([]);
  });
});

describe('Twitter replies', () => {
  const twitter = (): GuidanceTicket => seedTicket(SEED.ticketNoSlaTwitter);

  it('warns over 280 characters and says by how much', () => {
    expect(warnings(twitter(), publicReply('a'.repeat(281)), LATER)).toEqual([
      { id: 'twitter/tweet-length', details: ['281 characters, 1 over the limit of 280'] },
    ]);
  });

  it('counts characters as people do: 280 emoji fit', () => {
    const text = '🎉'.repeat(280);
    expect(text.length).toBe(560);
    expect(characterCount(text)).toBe(280);
    expect(warnings(twitter(), publicReply(text), LATER)).toEqual([]);
  });
});

describe('emergency first replies', () => {
  const emergency = (): GuidanceTicket => seedTicket(SEED.ticketEmergency);

  it('warns when the first reply does not ask how to reach the customer', () => {
    expect(warnings(emergency(), publicReply('I am looking into this now.'), FIRST).map((w) => w.id)).toEqual([
      'emergency-first-response/asks-how-to-reach',
    ]);
  });

  it.each(['What is the best way to reach you?', 'Can you join this Zoom: https://zoom.us/j/1', 'What phone number can I call?'])(
    'accepts "%s"',
    (text) => {
      expect(warnings(emergency(), publicReply(text), FIRST)).toEqual([]);
    },
  );

  it('only checks the first public reply', () => {
    expect(warnings(emergency(), publicReply('Update: the fix is deployed.'), LATER)).toEqual([]);
  });
});

describe('Pending or On-hold without a public reply', () => {
  const ticket = (): GuidanceTicket => seedTicket(SEED.ticketPendingNoReply);

  it.each([
    ['pending', 'Pending'],
    ['hold', 'On-hold'],
  ] as const)('warns when setting %s with only an internal note while the clock runs', (status, label) => {
    expect(warnings(ticket(), { text: 'waiting on engineering', public: false, newStatus: status }, FIRST)).toEqual([
      { id: 'regular-fifo/pending-without-reply', details: [`setting ${label} without a public reply does not stop the reply clock`] },
    ]);
  });

  it('warns with an empty draft too', () => {
    expect(warnings(ticket(), { text: '', public: true, newStatus: 'pending' }, FIRST)).toHaveLength(1);
  });

  it('is quiet with a public reply, when the clock is not running, or for other statuses', () => {
    expect(warnings(ticket(), { text: 'Could you send the logs?', public: true, newStatus: 'pending' }, FIRST)).toEqual([]);
    expect(warnings(ticket(), { text: '', public: false, newStatus: 'pending' }, { ...FIRST, slaKeepsRunning: false })).toEqual([]);
    expect(warnings(ticket(), { text: '', public: false, newStatus: 'solved' }, FIRST)).toEqual([]);
  });

  it('warns once when two matched cards carry the same guard', () => {
    const both = variant(seedTicket(SEED.ticketSecurity), { status: 'open' });
    const cards = [...matchCards(DEFAULT_PLAYBOOK, both), ...matchCards(DEFAULT_PLAYBOOK, seedTicket(SEED.ticketNoSlaEmail))];
    const w = checkReply(cards, { text: '', public: false, newStatus: 'hold' }, FIRST);
    expect(w.filter((x) => x.checkId === 'pending-without-reply')).toHaveLength(1);
  });
});

describe('light agents', () => {
  it('warns a light agent writing a public reply, not an internal note', () => {
    const t = seedTicket(SEED.ticketNoSlaEmail);
    const light: GuidanceContext = { agent: { role: 'light_agent' } };
    expect(warnings(t, publicReply('Hi, try restarting.'), LATER, light).map((w) => w.id)).toEqual(['light-agent/public-reply']);
    expect(warnings(t, { text: 'FYI the customer is on Premium', public: false }, LATER, light)).toEqual([]);
  });
});

describe('warnings', () => {
  it('never block: they carry severity "warning" and the message explains why', () => {
    const w = checkReply(matchCards(DEFAULT_PLAYBOOK, seedTicket(SEED.ticketSecurity)), publicReply('There is no problem.'), LATER);
    expect(w.map((x) => x.severity)).toEqual(['warning', 'warning']);
    for (const x of w) expect(x.message.length).toBeGreaterThan(40);
  });
});
