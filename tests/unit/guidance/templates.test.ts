import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { fillLink, fillTemplate, matchCards, templateFields } from '@/lib/guidance/evaluate';
import { SEED, seedTicket, variant } from './tickets';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('fillTemplate', () => {
  it('fills the requester, ticket and agent fields of a default template', () => {
    const ticket = seedTicket(SEED.ticketEmergency);
    const card = matchCards(DEFAULT_PLAYBOOK, ticket)[0]?.card;
    const template = card?.templates[0]?.body ?? '';
    const r = fillTemplate(template, templateFields(ticket, { agent: { name: 'Alex Agent' } }));
    expect(r.missing).toEqual([]);
    expect(r.text).toContain('Hi Dana,');
    expect(r.text).toContain('My name is Alex Agent');
    expect(r.text).toContain(`ticket #${SEED.ticketEmergency}`);
  });

  it('keeps markup in a value as text', () => {
    const r = fillTemplate('Hi {{requester.first_name}}!', { 'requester.first_name': HOSTILE });
    expect(r.text).toBe(`Hi ${HOSTILE}!`);
  });

  it('fills the seeded hostile subject verbatim, in one pass', () => {
    const ticket = seedTicket(SEED.ticketHostileSubject);
    const r = fillTemplate('Re: {{ticket.subject}}', templateFields(ticket));
    expect(r.text).toBe(`Re: ${ticket.subject}`);
    expect(r.text).toContain(HOSTILE);
  });

  it('never expands a placeholder that arrives inside a value', () => {
    const r = fillTemplate('{{requester.name}} / {{agent.name}}', { 'requester.name': '{{agent.name}}', 'agent.name': 'Alex' });
    expect(r.text).toBe('{{agent.name}} / Alex');
  });

  it('leaves unknown and empty placeholders visible and names them', () => {
    const r = fillTemplate('Hi {{requester.first_name}}, {{organization.name}} {{ agent.name }}', { 'requester.first_name': null, 'agent.name': 'Alex' });
    expect(r).toEqual({ text: 'Hi {{requester.first_name}}, {{organization.name}} Alex', missing: ['requester.first_name', 'organization.name'] });
  });

  it.each(['{{constructor}}', '{{__proto__}}', '{{toString}}', '{{ticket.id.constructor}}'])('does not reach object internals with %s', (t) => {
    expect(fillTemplate(t, { 'ticket.id': 5 }).text).toBe(t);
  });

  it('treats expressions as text, not code', () => {
    expect(fillTemplate('{{ 1 + 1 }} {{alert(1)}} {{#each x}}', {}).text).toBe('{{ 1 + 1 }} {{alert(1)}} {{#each x}}');
  });
});

describe('fillLink', () => {
  const sentry = DEFAULT_PLAYBOOK.cards.find((c) => c.id === 'errors-on-gitlab-com')?.links[0];
  if (!sentry) throw new Error('no Sentry link');

  it('builds the Sentry search for the requester', () => {
    const ticket = variant(seedTicket(SEED.ticketDue12m), { requester: { externalId: 'sytse' } });
    expect(fillLink(sentry, templateFields(ticket)).url).toBe('https://sentry.gitlap.com/?query=user.username%3Asytse');
  });

  it('encodes values so they cannot leave the query', () => {
    const ticket = variant(seedTicket(SEED.ticketDue12m), { requester: { externalId: 'a&b=c/../#x' } });
    expect(fillLink(sentry, templateFields(ticket)).url).toBe('https://sentry.gitlap.com/?query=user.username%3Aa%26b%3Dc%2F..%2F%23x');
  });

  it('offers no link when the field is unknown, and says which', () => {
    expect(fillLink(sentry, templateFields(seedTicket(SEED.ticketDue12m)))).toMatchObject({ url: null, missing: ['requester.external_id'] });
  });
});
