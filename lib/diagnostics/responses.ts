/**
 * What the last Zendesk answers of an instance looked like, for the page check: per source and endpoint the
 * latest sample (how many tickets came with `slas` and with a `metric_sets` entry), and the kinds of the last
 * few errors. Recorded by the worker; written only when something changed or ten minutes passed, so a page's
 * steady refreshes cost no storage writes.
 */
import type * as z from 'zod/mini';
import { responseFactsItem, type responseErrorSchema, type responseFactsSchema, type responseSampleSchema } from '../storage';

export type ResponseSample = z.infer<typeof responseSampleSchema>;
export type ResponseError = z.infer<typeof responseErrorSchema>;
export type ResponseFacts = z.infer<typeof responseFactsSchema>;

const REWRITE_AFTER_MS = 10 * 60_000;
export const MAX_ERRORS = 5;

const sameCounts = (a: ResponseSample, b: ResponseSample) =>
  a.tickets === b.tickets && a.withSlas === b.withSlas && a.withMetricSets === b.withMetricSets;

/** The facts with one more sample; the same facts (same object) when nothing worth a write changed. */
export function withSample(facts: ResponseFacts | undefined, sample: ResponseSample): ResponseFacts {
  const current = facts ?? { samples: [], errors: [] };
  const old = current.samples.find((s) => s.source === sample.source && s.endpoint === sample.endpoint);
  if (old && sameCounts(old, sample) && sample.at - old.at < REWRITE_AFTER_MS) return current;
  return { ...current, samples: [...current.samples.filter((s) => s !== old), sample] };
}

/** The facts with one more error, keeping the newest MAX_ERRORS. */
export function withError(facts: ResponseFacts | undefined, error: ResponseError): ResponseFacts {
  const current = facts ?? { samples: [], errors: [] };
  return { ...current, errors: [...current.errors, error].slice(-MAX_ERRORS) };
}

export interface ResponseRecorder {
  sample(origin: string, sample: ResponseSample): Promise<void>;
  error(origin: string, error: ResponseError): Promise<void>;
}

/** Records into storage; a failed write loses only this diagnostic, never the caller's work. */
export function responseRecorder(item = responseFactsItem): ResponseRecorder {
  const apply = async (origin: string, next: (f: ResponseFacts | undefined) => ResponseFacts) => {
    try {
      const all = await item.get();
      const before = all[origin];
      const after = next(before);
      if (after !== before) await item.set({ ...all, [origin]: after });
    } catch {
      // Storage full or unavailable: the page check then shows older facts; nothing else depends on them.
    }
  };
  return {
    sample: (origin, sample) => apply(origin, (f) => withSample(f, sample)),
    error: (origin, error) => apply(origin, (f) => withError(f, error)),
  };
}
