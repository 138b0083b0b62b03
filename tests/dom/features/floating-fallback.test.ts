// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_AFTER_MS } from '@/lib/features/floating-fallback';
import { badges, settle, startOnSavedPage } from '../../support/runner';

describe('floating-fallback', () => {
  let page: ReturnType<typeof startOnSavedPage> | undefined;
  afterEach(() => page?.stop());

  it("floats the current ticket's badge when the subject hook is gone from Zendesk's markup", async () => {
    page = startOnSavedPage();
    for (const input of document.querySelectorAll('[data-test-id="omni-header-subject"]')) input.removeAttribute('data-test-id');
    await settle(FALLBACK_AFTER_MS + 100);
    const floating = badges('floating');
    expect(floating.map((b) => b.dataset.ticketId)).toEqual(['101']);
    expect(floating[0]!.parentElement).toBe(document.body);
    expect(floating[0]!.dataset.slaState).toBe('critical');
  });

  it('does not float while the markup matches', async () => {
    page = startOnSavedPage();
    await settle(FALLBACK_AFTER_MS + 100);
    expect(badges('floating')).toHaveLength(0);
    expect(badges('ticket')).toHaveLength(1);
  });
});
