/**
 * Does the service worker's own `fetch` carry the agent's Zendesk session? The poller depends on the answer
 * (REFERENCE.md §1.9 left it unverified). The replica's session cookie is `HttpOnly; SameSite=Lax` on
 * http://127.0.0.1; real Zendesk's is `SameSite=None; Secure; HttpOnly`. Both cases are checked here: the
 * replica's own cookie, and a `SameSite=None; Secure` copy set on http://localhost (a secure context, so
 * Chromium accepts Secure cookies there).
 */
import { describe, expect, it } from 'vitest';
import { SEED } from '../../replica/server';
import { extensionServiceWorker } from '../../scripts/browser';
import { useExtensionBrowser } from './harness';

const h = useExtensionBrowser();

interface Probe {
  status: number;
  userId: number | null;
}

/** Runs in the worker: GET /api/v2/users/me with the given credentials mode, as the poller would. */
async function probe(url: string, credentials: RequestCredentials): Promise<Probe> {
  const worker = extensionServiceWorker(h.context, h.extensionId);
  if (!worker) throw new Error('The extension service worker is not running.');
  return worker.evaluate(
    async ([u, c]) => {
      const r = await fetch(u, { credentials: c, headers: { Accept: 'application/json' } });
      const body = (await r.json()) as { user?: { id?: number | null } };
      return { status: r.status, userId: body.user?.id ?? null };
    },
    [url, credentials] as const,
  );
}

describe("the worker's own fetch", () => {
  it("carries the agent's SameSite=Lax session cookie with credentials: 'include'", async () => {
    const me = await probe(`${h.replica.url}/api/v2/users/me`, 'include');
    expect(me).toEqual({ status: 200, userId: SEED.agent });
  });

  it("carries it with credentials: 'same-origin' too: host permissions make the worker's request first-party", async () => {
    const me = await probe(`${h.replica.url}/api/v2/users/me`, 'same-origin');
    expect(me).toEqual({ status: 200, userId: SEED.agent });
  });

  it("sees an anonymous caller with credentials: 'omit', so it is the cookie that signs the worker in", async () => {
    const me = await probe(`${h.replica.url}/api/v2/users/me`, 'omit');
    expect(me).toEqual({ status: 200, userId: null });
    const search = await probe(`${h.replica.url}/api/v2/search?query=type:ticket`, 'omit');
    expect(search.status).toBe(401);
  });

  it("carries a SameSite=None; Secure session cookie (real Zendesk's attributes) with credentials: 'include'", async () => {
    const port = new URL(h.replica.url).port;
    const localhost = `http://localhost:${port}`;
    await h.context.addCookies([
      { ...h.replica.sessionCookie, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'None' },
    ]);
    const me = await probe(`${localhost}/api/v2/users/me`, 'include');
    expect(me).toEqual({ status: 200, userId: SEED.agent });
  });

  it('reaches the agent\'s open tickets with their SLAs in one search request', async () => {
    const worker = extensionServiceWorker(h.context, h.extensionId)!;
    const url = `${h.replica.url}/api/v2/search?query=${encodeURIComponent('type:ticket assignee:me status<solved')}&include=tickets(slas)&per_page=100`;
    const result = await worker.evaluate(async (u) => {
      const r = await fetch(u, { credentials: 'include' });
      const body = (await r.json()) as { results: { id: number; slas?: unknown }[]; count: number };
      return { status: r.status, count: body.count, withSlas: body.results.filter((t) => t.slas !== undefined).length };
    }, url);
    expect(result.status).toBe(200);
    expect(result.count).toBeGreaterThan(0);
    expect(result.withSlas).toBe(result.count);
    expect(h.replica.requests.filter((r) => r.path === '/api/v2/search')).toHaveLength(1);
  });
});
