/**
 * Messages from the options page to the worker. "Test connection" signs in to an instance with the settings
 * being edited (not yet saved) and says who Zendesk thinks you are; the token is sent only to that instance.
 */
import * as z from 'zod/mini';
import { instanceAuthSchema, type InstanceAuths } from '../storage';
import { fetchRaw } from '../zendesk/http';
import { interpretResponse } from '../zendesk/api';
import { userMeResponseSchema } from '../zendesk/schemas';
import { fetchForInstance } from './instance-auth';

export const OPTIONS_TEST_AUTH = 'zso:options-test-auth';
/** "Try again" on a custom domain whose scripts the browser refused: the worker registers them again. */
export const OPTIONS_SYNC_DOMAINS = 'zso:options-sync-domains';

const testAuthSchema = z.object({
  type: z.literal(OPTIONS_TEST_AUTH),
  origin: z.string().check(z.regex(/^https?:\/\/[^/?#\s]+$/)),
  auth: z.union([instanceAuthSchema, z.object({ mode: z.literal('token'), email: z.string(), token: z.literal('') })]),
});

export type TestAuthReply = { ok: true; message: string } | { ok: false; message: string };

export function isOptionsMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === OPTIONS_TEST_AUTH;
}

export function isSyncDomainsMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === OPTIONS_SYNC_DOMAINS;
}

export async function handleOptionsMessage(
  message: unknown,
  deps: { fetch: typeof fetch; now: () => number; savedAuths: () => Promise<InstanceAuths> },
): Promise<TestAuthReply> {
  const parsed = testAuthSchema.safeParse(message);
  if (!parsed.success) return { ok: false, message: 'The options page sent a request the extension could not read. Reload the page.' };
  const { origin } = parsed.data;
  let auth = parsed.data.auth;
  if (auth.mode === 'token' && auth.token === '') {
    // A blank token field means "the token already saved for this instance".
    const saved = (await deps.savedAuths())[origin];
    if (saved?.mode !== 'token') return { ok: false, message: 'Paste the API token first.' };
    auth = { ...auth, token: saved.token };
  }
  const got = await fetchRaw(fetchForInstance(origin, auth, deps.fetch), `${origin}/api/v2/users/me`, { timeoutMs: 15_000 });
  if (!got.ok) return { ok: false, message: got.error.message };
  const result = interpretResponse(got.raw, userMeResponseSchema, deps.now());
  if (!result.ok) {
    return {
      ok: false,
      message: result.error.kind === 'signed-out' ? 'Zendesk refused these credentials (401). Check the email and the token.' : result.error.message,
    };
  }
  const user = result.value.user;
  // Show Self answers anonymous callers too: no id means no one is signed in.
  if (user.id == null) {
    return {
      ok: false,
      message: auth.mode === 'session' ? 'Not signed in: open Zendesk in this browser and sign in.' : 'Zendesk refused these credentials. Check the email and the token.',
    };
  }
  if (user.role !== 'agent' && user.role !== 'admin') return { ok: false, message: `Signed in as ${user.name ?? user.email}, who is not an agent.` };
  return { ok: true, message: `Signed in as ${user.name ?? 'an agent'}${user.email ? ` (${user.email})` : ''}.` };
}
