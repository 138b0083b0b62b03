import { describe, expect, it } from 'vitest';
import { benchGuidance } from '../../../scripts/bench-guidance';
import { matchCards, matchRules } from '@/lib/guidance/evaluate';
import { validatePlaybook, type Playbook, type PlaybookInput } from '@/lib/guidance/playbook-schema';
import { SEED, seedTicket, variant } from './tickets';

const HANDBOOK = { page: 'test', section: 'test', url: 'https://about.gitlab.com/handbook/support/#test' };

function playbook(input: Omit<PlaybookInput, 'version' | 'name'>): Playbook {
  const r = validatePlaybook({ version: 1, name: 'test', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.playbook;
}
const card = (id: string, importance: number): PlaybookInput['cards'][number] => ({ id, title: id, importance, why: 'because', handbook: HANDBOOK });

describe('matchCards', () => {
  const twitter = (): ReturnType<typeof seedTicket> => seedTicket(SEED.ticketNoSlaTwitter);

  it('orders by importance, then playbook order, and merges the reasons of every rule that brought a card', () => {
    const p = playbook({
      rules: [
        { id: 'a', detection: 'd', when: { channel: ['twitter'] }, cards: ['low', 'shared'] },
        { id: 'b', detection: 'd', when: { tags: { any: ['twitter', 'x'] } }, cards: ['shared', 'high'] },
        { id: 'c', detection: 'd', when: { channel: ['email'] }, cards: ['never'] },
      ],
      cards: [card('low', 1), card('shared', 50), card('high', 100), card('never', 1000)],
    });
    const m = matchCards(p, twitter());
    expect(m.map((x) => [x.card.id, x.rules])).toEqual([
      ['high', ['b']],
      ['shared', ['a', 'b']],
      ['low', ['a']],
    ]);
    expect(m[1]?.reasons).toEqual(['channel is "twitter"', 'tagged "twitter"']);
  });

  it('explains any, not, reply counts and ids in words', () => {
    const p = playbook({
      rules: [
        {
          id: 'r',
          detection: 'd',
          when: {
            any: [{ channel: ['facebook'] }, { subject: 'pipeline\\s+badge' }],
            not: { status: ['solved', 'closed'] },
            public_replies: { max: 0 },
            group: [501],
          },
          cards: ['c'],
        },
      ],
      cards: [card('c', 1)],
    });
    // Fields first, in a fixed order, then any/all/not.
    expect(matchCards(p, twitter())[0]?.reasons).toEqual([
      'group is 501',
      '0 public replies so far (at most 0 public replies)',
      'subject mentions "pipeline badge"',
      'not status is one of "solved", "closed"',
    ]);
  });

  it('never matches a reply-count rule when the count is unknown', () => {
    const p = playbook({ rules: [{ id: 'r', detection: 'd', when: { public_replies: { min: 0 } }, cards: ['c'] }], cards: [card('c', 1)] });
    expect(matchRules(p, twitter())).toEqual(['r']);
    expect(matchRules(p, variant(twitter(), { publicReplies: null }))).toEqual([]);
  });

  it('matches patterns case-insensitively and tags exactly', () => {
    const p = playbook({
      rules: [
        { id: 'subject', detection: 'd', when: { subject: 'PIPELINE BADGE' }, cards: ['c'] },
        { id: 'tag', detection: 'd', when: { tags: { all: ['twit'] } }, cards: ['c'] },
        { id: 'recipient', detection: 'd', when: { recipient: '^security@' }, cards: ['c'] },
      ],
      cards: [card('c', 1)],
    });
    expect(matchRules(p, twitter())).toEqual(['subject']);
    expect(matchRules(p, variant(twitter(), { recipient: 'Security@gitlab.com' }))).toEqual(['subject', 'recipient']);
  });
});

describe('speed', () => {
  it('evaluates a 200-rule playbook over the seeded tickets in well under 1 ms per ticket', async () => {
    const r = await benchGuidance();
    expect(r.rules).toBe(200);
    expect(r.perTicketMs.median).toBeLessThan(1);
  });
});
