import type { AgentRoute } from '../zendesk/urls';
import type { BadgeDeps } from '../content/badge-host';
import type { TicketStore } from '../content/ticket-store';

/** What a feature gets to work with. Everything it starts must stop when `signal` aborts. */
export interface FeatureContext {
  doc: Document;
  route: () => AgentRoute;
  now: () => number;
  store: TicketStore;
  badges: BadgeDeps;
  /** Listeners and timers tied to the content script's lifetime and to `signal`. */
  setTimeout: (fn: () => void, ms: number) => void;
  listen: <K extends keyof DocumentEventMap>(type: K, handler: (e: DocumentEventMap[K]) => void, capture?: boolean) => void;
  /** Ask the page runner for another pass (after a timer, say). */
  requestPass: () => void;
  signal: AbortSignal;
}

/**
 * A feature is declarative: the runner decides when it runs; it never runs itself. What it does is the doc
 * comment on its export (tests/meta.test.ts), not a string: the badges content script carries no prose it
 * never shows.
 */
export interface Feature {
  id: string;
  include: (route: AgentRoute) => boolean;
  /** Sets the feature up and returns its pass: called on every relevant DOM change, must be idempotent. */
  init: (fc: FeatureContext) => { pass: () => void; ticketIds: () => number[] };
}
