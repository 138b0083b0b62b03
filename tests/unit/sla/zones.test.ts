import { describe, expect, it } from 'vitest';
import { isValidZone } from '@/lib/time';
import { railsTimeZones, toIanaZone } from '@/lib/sla/zones';

describe('toIanaZone', () => {
  it.each([
    ['Pacific Time (US & Canada)', 'America/Los_Angeles'],
    ['Eastern Time (US & Canada)', 'America/New_York'],
    ['Amsterdam', 'Europe/Amsterdam'],
    ['Brisbane', 'Australia/Brisbane'],
    ['London', 'Europe/London'],
    ['Edinburgh', 'Europe/London'],
    ['UTC', 'Etc/UTC'],
    ['Hong Kong', 'Asia/Hong_Kong'],
    ['Buenos Aires', 'America/Argentina/Buenos_Aires'],
    ['International Date Line West', 'Etc/GMT+12'],
    ["Nuku'alofa", 'Pacific/Tongatapu'],
    ['Europe/Amsterdam', 'Europe/Amsterdam'],
  ])('maps Zendesk zone "%s" to %s', (rails, iana) => {
    expect(toIanaZone(rails)).toBe(iana);
  });

  it('returns null for a zone nobody knows', () => {
    expect(toIanaZone('Atlantis')).toBeNull();
  });

  it('covers the whole Rails list, and every target is a zone Intl knows', () => {
    const all = railsTimeZones();
    expect(all.size).toBe(152);
    expect([...all.values()].filter((iana) => !isValidZone(iana))).toEqual([]);
  });
});
