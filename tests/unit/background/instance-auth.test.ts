import { describe, expect, it } from 'vitest';
import { fetchForInstance, maskToken } from '@/lib/background/instance-auth';
import { instanceAuthSchema } from '@/lib/storage';

const ORIGIN = 'https://acme.zendesk.com';
const TOKEN = 'abcdefghij0123456789XYZ';

function recorder() {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return new Response('{}');
  }) as typeof fetch;
  return { calls, base };
}

describe('how the worker signs in to an instance', () => {
  it("uses the agent's session cookie by default", async () => {
    const { calls, base } = recorder();
    await fetchForInstance(ORIGIN, undefined, base)(`${ORIGIN}/api/v2/users/me`);
    expect(calls[0]!.init?.credentials).toBe('include');
    expect(new Headers(calls[0]!.init?.headers).has('authorization')).toBe(false);
  });

  it("sends an API token as Zendesk's {email}/token:{token} Basic auth, without cookies", async () => {
    const { calls, base } = recorder();
    await fetchForInstance(ORIGIN, { mode: 'token', email: 'alex@acme.com', token: TOKEN }, base)(`${ORIGIN}/api/v2/users/me`, {
      headers: { Accept: 'application/json' },
    });
    const headers = new Headers(calls[0]!.init?.headers);
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from(`alex@acme.com/token:${TOKEN}`).toString('base64')}`);
    expect(headers.get('accept')).toBe('application/json');
    expect(calls[0]!.init?.credentials).toBe('omit');
  });

  it('never sends the token to another origin', async () => {
    const { calls, base } = recorder();
    const f = fetchForInstance(ORIGIN, { mode: 'token', email: 'alex@acme.com', token: TOKEN }, base);
    await expect(f('https://evil.example/api/v2/search?query=x')).rejects.toThrow(/only to their own Zendesk instance/);
    await expect(f('https://acme.zendesk.com.evil.example/api')).rejects.toThrow();
    expect(calls).toEqual([]);
  });

  it('validates what an agent enters, with messages that say what to fix', () => {
    const bad = instanceAuthSchema.safeParse({ mode: 'token', email: 'alex', token: 'short' });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(messages.join(' ')).toContain('email address');
    expect(messages.join(' ')).toContain('20 to 64 letters and digits');
  });

  it('shows only the last four characters of a token', () => {
    expect(maskToken(TOKEN)).toBe('••••9XYZ');
  });
});
