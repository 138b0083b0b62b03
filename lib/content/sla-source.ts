/**
 * How the page loads SLA data: it fetches on its own origin with the agent's session (the proven path,
 * REFERENCE.md §1.9), and hands the raw response to the worker, which validates it and computes the clocks.
 */
import type { SlaIngestRequest, SlaIngestResponse } from '../messaging';
import { SLA_INGEST } from '../messaging';
import { fetchRaw, ticketSlaPath } from '../zendesk/http';

const RETRY_AFTER_MS = 300;

export type SlaLoad = (ids: number[], signal: AbortSignal) => Promise<SlaIngestResponse>;

export interface SlaSourceOptions {
  origin: string;
  fetch: typeof fetch;
  /** `browser.runtime.sendMessage` in the extension; the worker's handler directly in tests. */
  send: (request: SlaIngestRequest) => Promise<SlaIngestResponse>;
  timeoutMs?: number;
}

export function createSlaSource(options: SlaSourceOptions): SlaLoad {
  return async (ids, signal) => {
    const got = await fetchRaw(options.fetch, options.origin + ticketSlaPath(ids), { signal, timeoutMs: options.timeoutMs });
    if (!got.ok) return got;
    const request = { type: SLA_INGEST, ids, raw: got.raw } as const;
    try {
      return await options.send(request);
    } catch {
      // Chrome restarts a stopped worker on demand, but a message sent while it is shutting down can be lost:
      // one retry a moment later covers that; a second failure means the extension was updated or removed.
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    try {
      return await options.send(request);
    } catch {
      return {
        ok: false,
        error: { kind: 'extension', message: 'The extension was updated or restarted. Reload this Zendesk tab to bring the SLA times back.' },
      };
    }
  };
}
