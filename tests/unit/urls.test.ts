import { describe, expect, it } from 'vitest';
import { parseAgentRoute } from '@/lib/zendesk/urls';

describe('parseAgentRoute', () => {
  it.each([
    ['/agent/tickets/123', '', { kind: 'ticket', ticketId: 123 }],
    ['/agent/tickets/123/events', '', { kind: 'ticket', ticketId: 123 }],
    ['/agent/filters/360001', '', { kind: 'view', viewId: 360001 }],
    ['/agent/search/1', '?q=status%3Copen', { kind: 'search', query: 'status<open' }],
    ['/agent/home/tickets', '', { kind: 'other' }],
    ['/agent/tickets/new/1', '', { kind: 'other' }],
  ])('reads %s%s', (pathname, search, expected) => {
    expect(parseAgentRoute({ pathname, search })).toEqual(expected);
  });
});
