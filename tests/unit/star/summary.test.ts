import { describe, expect, it } from 'vitest';
import { fillFormUrl, formProblems, slackPayload, starNote, type StarContext } from '@/lib/star/summary';
import type { StarForm } from '@/lib/star/types';

const form: StarForm = { urgency: 'medium', reason: 'Breached & stalled', desiredResult: 'An engineer today', plan: 'Premium', group: 'https://gitlab.com/acme' };
const ctx: StarContext = {
  ticketId: 151,
  ticketUrl: 'https://acme.zendesk.com/agent/tickets/151',
  subject: 'MRs time out #monorepo <b>now</b> & then',
  priority: 'high',
  requester: 'Gabriel Silva',
  agent: 'Alex Agent',
  reasons: ['First reply SLA breached 1h 10m ago'],
  requestedAt: Date.parse('2026-11-24T18:00:00Z'),
};

describe('the STAR form address', () => {
  it('fills every placeholder URL-encoded, so ticket text cannot change the address', () => {
    const r = fillFormUrl('https://forms.example/star?t={ticket_id}&s={subject}&u={urgency}&r={reason}&g={group}&link={ticket_url}', form, ctx);
    expect(r.ok).toBe(true);
    const url = new URL(r.ok ? r.url : '');
    expect(url.searchParams.get('t')).toBe('151');
    expect(url.searchParams.get('s')).toBe(ctx.subject);
    expect(url.searchParams.get('u')).toBe('medium');
    expect(url.searchParams.get('r')).toBe('Breached & stalled');
    expect(url.searchParams.get('g')).toBe('https://gitlab.com/acme');
    expect(url.searchParams.get('link')).toBe(ctx.ticketUrl);
    expect([...url.searchParams.keys()]).toEqual(['t', 's', 'u', 'r', 'g', 'link']);
    expect(url.hash).toBe('');
  });

  it('refuses an unknown placeholder and names the known ones', () => {
    const r = fillFormUrl('https://forms.example/?x={ticketid}', form, ctx);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/\{ticketid\}, which is not a known placeholder.*\{ticket_id\}/);
  });

  it('refuses a template that is not an http(s) address once filled', () => {
    expect(fillFormUrl('{ticket_url}', form, { ...ctx, ticketUrl: 'javascript:alert(1)' }).ok).toBe(false);
  });
});

describe('the STAR texts', () => {
  it('writes the internal note as plain text with every field', () => {
    const note = starNote(form, ctx);
    expect(note.split('\n')).toEqual([
      'STAR requested (Support Ticket Attention Request)',
      'Urgency: Timely: Support reply within 1 hour',
      'Reason: Breached & stalled',
      'Desired result: An engineer today',
      'Plan: Premium',
      'GitLab.com group: https://gitlab.com/acme',
      'Criteria met: First reply SLA breached 1h 10m ago',
      'Requested by Alex Agent at 2026-11-24 18:00 UTC.',
    ]);
  });

  it("escapes Slack's control characters in ticket text and links the ticket", () => {
    const { text } = slackPayload(form, ctx);
    expect(text).toContain('<https://acme.zendesk.com/agent/tickets/151|ticket #151>: MRs time out #monorepo &lt;b&gt;now&lt;/b&gt; &amp; then');
    expect(text).toContain('*Reason:* Breached &amp; stalled');
  });

  it('asks for the reason and the desired result', () => {
    expect(formProblems({ ...form, reason: ' ', desiredResult: '' })).toEqual({
      reason: 'Say why the ticket needs attention.',
      desiredResult: 'Say what result you want from the STAR.',
    });
    expect(formProblems(form)).toEqual({});
  });
});
