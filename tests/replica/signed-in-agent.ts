import type { Replica } from '@/replica/server';

export interface Reply {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary response JSON
}

export interface CallOptions {
  body?: unknown;
  /** false: no session cookie (signed out). */
  auth?: boolean;
  /** The X-CSRF-Token to send; null sends none. Default: the signed-in agent's token. */
  token?: string | null;
}

export interface SignedInAgent {
  /** The session cookie header value (`name=value`). */
  cookie: string;
  /** The CSRF token `GET /api/v2/users/me` gave this session. */
  csrf: string;
  call(method: string, path: string, opts?: CallOptions): Promise<Reply>;
}

/** The replica's seeded agent, signed in the way a Zendesk tab is: the session cookie, then users/me for the CSRF token. */
export async function signedInAgent(replica: Replica): Promise<SignedInAgent> {
  const cookie = `${replica.sessionCookie.name}=${replica.sessionCookie.value}`;
  const me = (await (await fetch(`${replica.url}/api/v2/users/me`, { headers: { cookie } })).json()) as { user: { authenticity_token: string } };
  const csrf = me.user.authenticity_token;
  return {
    cookie,
    csrf,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.auth !== false) headers['cookie'] = cookie;
      const token = opts.token === undefined ? csrf : opts.token;
      if (token !== null) headers['X-CSRF-Token'] = token;
      if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(`${replica.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
    },
  };
}
