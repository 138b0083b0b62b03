/**
 * The page check's report (docs/page-check.md): what the extension met on one Zendesk tab, for an agent to send
 * us when the extension does not match their Zendesk. It holds no text from the page and no value that could
 * identify a person or a ticket: hook outcomes, a masked skeleton (skeleton.ts), whether recent API responses
 * carried the SLA sideloads, the kinds of recent API errors, and the extension and browser versions.
 */
import * as z from 'zod/mini';
import type { HookStatus } from './hooks';
import type { PageSkeleton, SkeletonNode } from './skeleton';
import type { ResponseFacts } from './responses';

/** What the injected page-check script returns (entrypoints/page-check.ts). */
export interface PageFindings {
  route: 'ticket' | 'view' | 'search' | 'other';
  hooks: HookStatus[];
  skeleton: PageSkeleton;
}

const skeletonNodeSchema: z.ZodMiniType<SkeletonNode> = z.lazy(() =>
  z.object({
    tag: z.string(),
    testId: z.optional(z.string()),
    gardenId: z.optional(z.string()),
    role: z.optional(z.string()),
    attrs: z.optional(z.array(z.string())),
    hidden: z.optional(z.literal(true)),
    repeat: z.optional(z.number()),
    children: z.optional(z.array(skeletonNodeSchema)),
  }),
);

/** The injected script's answer crosses a world boundary: checked, never cast. */
export const pageFindingsSchema = z.object({
  route: z.enum(['ticket', 'view', 'search', 'other']),
  hooks: z.array(
    z.object({
      hook: z.enum(['ticket-pane', 'ticket-id', 'subject-header', 'tabs', 'rows', 'composer', 'submit-menu', 'theme']),
      matched: z.nullable(z.string()),
      fallback: z.boolean(),
      count: z.optional(z.number()),
      notApplicable: z.optional(z.string()),
    }),
  ),
  skeleton: z.object({ root: z.nullable(skeletonNodeSchema), nodes: z.number(), truncated: z.boolean() }),
});

export type InstanceKind = 'zendesk.com' | 'custom domain' | 'local replica';

/** Which kind of host the tab is on; the host name itself names the customer and stays out of the report. */
export function instanceKind(origin: string): InstanceKind {
  const host = new URL(origin).hostname;
  if (host === 'localhost' || host === '127.0.0.1' || host.endsWith('.localhost')) return 'local replica';
  return host.endsWith('.zendesk.com') ? 'zendesk.com' : 'custom domain';
}

export interface PageCheckReport {
  report: 'zendesk-sla-overlay page check';
  checkedAt: string;
  extension: { version: string };
  browser: { userAgent: string; name?: string; version?: string };
  page: { instance: InstanceKind; route: PageFindings['route'] };
  hooks: HookStatus[];
  responses: ResponseFacts | null;
  skeleton: PageSkeleton;
}

export function buildReport(input: {
  now: number;
  origin: string;
  findings: PageFindings;
  responses: ResponseFacts | null;
  extensionVersion: string;
  userAgent: string;
  browserInfo?: { name: string; version: string };
}): PageCheckReport {
  return {
    report: 'zendesk-sla-overlay page check',
    checkedAt: new Date(input.now).toISOString(),
    extension: { version: input.extensionVersion },
    browser: { userAgent: input.userAgent, ...(input.browserInfo ? { name: input.browserInfo.name, version: input.browserInfo.version } : {}) },
    page: { instance: instanceKind(input.origin), route: input.findings.route },
    hooks: input.findings.hooks,
    responses: input.responses,
    skeleton: input.findings.skeleton,
  };
}

const HOOK_LABELS: Record<HookStatus['hook'], string> = {
  'ticket-pane': 'Open ticket pane',
  'ticket-id': "Ticket's number",
  'subject-header': 'Subject header',
  tabs: 'Ticket tabs',
  rows: 'View and search rows',
  composer: 'Reply editor',
  'submit-menu': '"Submit as" menu',
  theme: 'Zendesk theme',
};

export type HookVerdict = 'ok' | 'fallback' | 'missing' | 'not-applicable';

/** One line per hook for a person: what it is, and whether it held. */
export function hookLine(h: HookStatus): { label: string; verdict: HookVerdict; detail: string } {
  const label = HOOK_LABELS[h.hook];
  const count = h.count !== undefined ? ` (${h.count})` : '';
  if (h.matched === null && h.notApplicable) return { label, verdict: 'not-applicable', detail: `Not checked: ${h.notApplicable}` };
  if (h.matched === null) return { label, verdict: 'missing', detail: 'Not found: the extension falls back or stays hidden here' };
  if (h.fallback) return { label, verdict: 'fallback', detail: `Found by a fallback (${h.matched})${count}` };
  return { label, verdict: 'ok', detail: `Found (${h.matched})${count}` };
}
