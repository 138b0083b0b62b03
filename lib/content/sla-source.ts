/**
 * How the page loads SLA data: it fetches on its own origin with the agent's session (the proven path,
 * REFERENCE.md §1.9), and hands the raw response to the worker, which validates it and computes the clocks.
 */
import type { SlaIngestRequest, SlaIngestResponse } from '../messaging';
import { SLA_INGEST } from '../messaging';
import { fetchRaw, ticketSlaPath } from '../zendesk/http';

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
    try {
      return await options.send({ type: SLA_INGEST, ids, raw: got.raw });
    } catch {
      // The worker is restarted on demand; this fails only when the extension itself was updated or removed.
      return {
        ok: false,
        error: { kind: 'extension', message: 'The extension was updated or restarted. Reload this Zendesk tab to bring the SLA times back.' },
      };
    }
  };
}
