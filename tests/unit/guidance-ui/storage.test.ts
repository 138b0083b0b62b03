import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  checklistTicksItem,
  MAX_TICKS,
  panelOpenItem,
  pruneTicks,
  readTicks,
  setTick,
  TICK_MAX_AGE_MS,
  tickKey,
  watchTicks,
} from '@/lib/guidance-ui/storage';

const NOW = Date.parse('2026-11-17T18:00:00Z');
const KEY = tickKey('https://acme.zendesk.com', 119, 'security-disclosure', 'email-any-time');

describe('guidance storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keys a tick by origin, ticket, card and item', () => {
    expect(KEY).toBe('https://acme.zendesk.com|119|security-disclosure|email-any-time');
  });

  it('saves a tick, reads it back, and forgets it when unticked', async () => {
    await setTick(KEY, true, NOW);
    expect(await readTicks()).toEqual({ [KEY]: NOW });
    // In storage.local, so a reload (a new script instance) and other tabs read it.
    expect(await fakeBrowser.storage.local.get('guidanceChecklistTicks')).toEqual({ guidanceChecklistTicks: { [KEY]: NOW } });
    await setTick(KEY, false, NOW + 1);
    expect(await readTicks()).toEqual({});
  });

  it('keeps ticks of other tickets and instances apart', async () => {
    const other = tickKey('https://other.zendesk.com', 119, 'security-disclosure', 'email-any-time');
    await setTick(KEY, true, NOW);
    await setTick(other, true, NOW + 1);
    await setTick(KEY, false, NOW + 2);
    expect(Object.keys(await readTicks())).toEqual([other]);
  });

  it('tells every watcher (other tabs) about a change', async () => {
    const seen: string[][] = [];
    const unwatch = watchTicks((t) => seen.push(Object.keys(t)));
    await setTick(KEY, true, NOW);
    await new Promise((r) => setTimeout(r, 0));
    unwatch();
    expect(seen).toEqual([[KEY]]);
  });

  it('reads a stored value that does not parse as no ticks', async () => {
    await checklistTicksItem.setValue({ 'not a key': 'yes' });
    expect(await readTicks()).toEqual({});
  });

  it('forgets ticks older than the maximum age and keeps at most the newest MAX_TICKS', () => {
    const old = tickKey('https://acme.zendesk.com', 1, 'c', 'i');
    expect(pruneTicks({ [old]: NOW - TICK_MAX_AGE_MS - 1, [KEY]: NOW }, NOW)).toEqual({ [KEY]: NOW });
    const many = Object.fromEntries(Array.from({ length: MAX_TICKS + 10 }, (_, i) => [tickKey('https://acme.zendesk.com', i, 'c', 'i'), NOW - i]));
    const kept = pruneTicks(many, NOW);
    expect(Object.keys(kept)).toHaveLength(MAX_TICKS);
    expect(kept[tickKey('https://acme.zendesk.com', 0, 'c', 'i')]).toBe(NOW);
    expect(kept[tickKey('https://acme.zendesk.com', MAX_TICKS + 9, 'c', 'i')]).toBeUndefined();
  });

  it('remembers whether the panel is open, open by default', async () => {
    expect(await panelOpenItem.getValue()).toBe(true);
    await panelOpenItem.setValue(false);
    expect(await panelOpenItem.getValue()).toBe(false);
  });
});
