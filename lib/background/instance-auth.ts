/**
 * The fetch the worker uses for one Zendesk instance: with the agent's session cookie, or with the instance's
 * API token. A token-authenticated fetch sends no cookies and refuses any URL outside its own instance, so the
 * token cannot be sent anywhere else, whatever URL a bug or a malicious `next_page` produces.
 */
import type { InstanceAuth } from '../storage';

export class CrossOriginTokenError extends Error {
  constructor(target: string) {
    super(`Refused to send an API token to ${target}: tokens go only to their own Zendesk instance.`);
  }
}

function basicAuth(email: string, token: string): string {
  return `Basic ${btoa(`${email}/token:${token}`)}`;
}

/**
 * With the session (the default), the worker's own fetch carries the agent's cookie: with host permission for
 * the instance, Chrome sends it from the worker (tests/e2e/worker-session.test.ts, SameSite=Lax and
 * SameSite=None; Secure alike); `credentials: 'include'` states it rather than relying on that.
 */
export function fetchForInstance(origin: string, auth: InstanceAuth | undefined, base: typeof fetch): typeof fetch {
  if (!auth || auth.mode === 'session') return (input, init) => base(input, { ...init, credentials: 'include' });
  const authorization = basicAuth(auth.email, auth.token);
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin) return Promise.reject(new CrossOriginTokenError(url.origin));
    const headers = new Headers(init?.headers);
    headers.set('Authorization', authorization);
    return base(url.toString(), { ...init, headers, credentials: 'omit' });
  };
}

/** Masks a token for display: the last four characters only. */
export function maskToken(token: string): string {
  return `••••${token.slice(-4)}`;
}
