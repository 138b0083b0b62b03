/**
 * The STAR's words: the internal note on the ticket, the Slack message, and the team's STAR form address with
 * the ticket's fields filled in. Pure functions; the worker calls them when a STAR is requested.
 */
import { URGENCY_LABELS, type StarForm } from './types';
export { formProblems } from './form-check';

export interface StarContext {
  ticketId: number;
  ticketUrl: string;
  subject: string;
  priority: string | null;
  requester: string;
  agent: string;
  /** The data criteria that held, in words. */
  reasons: string[];
  requestedAt: number;
}

/** The internal note: plain text, so nothing in it is ever interpreted as HTML by Zendesk. */
export function starNote(form: StarForm, ctx: StarContext): string {
  const lines = [
    'STAR requested (Support Ticket Attention Request)',
    `Urgency: ${URGENCY_LABELS[form.urgency]}`,
    `Reason: ${form.reason.trim()}`,
    `Desired result: ${form.desiredResult.trim()}`,
  ];
  if (form.plan.trim()) lines.push(`Plan: ${form.plan.trim()}`);
  if (form.group.trim()) lines.push(`GitLab.com group: ${form.group.trim()}`);
  if (ctx.reasons.length) lines.push(`Criteria met: ${ctx.reasons.join('; ')}`);
  lines.push(`Requested by ${ctx.agent} at ${new Date(ctx.requestedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
  return lines.join('\n');
}

/** Slack mrkdwn treats &, < and > as control characters: escape them in anything from the ticket. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The incoming-webhook payload (`{ text }`), with a link to the ticket. */
export function slackPayload(form: StarForm, ctx: StarContext): { text: string } {
  const lines = [
    `*STAR requested* on <${ctx.ticketUrl}|ticket #${ctx.ticketId}>: ${slackEscape(ctx.subject)}`,
    `*Urgency:* ${slackEscape(URGENCY_LABELS[form.urgency])}`,
    `*Reason:* ${slackEscape(form.reason.trim())}`,
    `*Desired result:* ${slackEscape(form.desiredResult.trim())}`,
  ];
  if (form.plan.trim()) lines.push(`*Plan:* ${slackEscape(form.plan.trim())}`);
  if (form.group.trim()) lines.push(`*GitLab.com group:* ${slackEscape(form.group.trim())}`);
  lines.push(`Requested by ${slackEscape(ctx.agent)}`);
  return { text: lines.join('\n') };
}

/**
 * The placeholders a STAR form address may use. Every value is URL-encoded where it is put, so a subject with
 * `&` or `#` cannot change the address's structure.
 */
export const FORM_PLACEHOLDERS = {
  ticket_id: 'the ticket number',
  ticket_url: "the ticket's agent URL",
  subject: "the ticket's subject",
  priority: "the ticket's priority (urgent, high, normal, low)",
  requester: "the requester's name",
  agent: 'your name',
  urgency: 'the STAR urgency: low, medium or high',
  urgency_label: 'the STAR urgency in words',
  reason: 'the reason you entered',
  desired_result: 'the desired result you entered',
  plan: 'the plan',
  group: 'the GitLab.com group URL or name',
} as const;
export type FormPlaceholder = keyof typeof FORM_PLACEHOLDERS;

export type FilledUrl = { ok: true; url: string } | { ok: false; message: string };

/** Fills `{placeholder}`s with URL-encoded values. Unknown placeholders are an error, not left in the address. */
export function fillFormUrl(template: string, form: StarForm, ctx: StarContext): FilledUrl {
  const values: Record<FormPlaceholder, string> = {
    ticket_id: String(ctx.ticketId),
    ticket_url: ctx.ticketUrl,
    subject: ctx.subject,
    priority: ctx.priority ?? '',
    requester: ctx.requester,
    agent: ctx.agent,
    urgency: form.urgency,
    urgency_label: URGENCY_LABELS[form.urgency],
    reason: form.reason.trim(),
    desired_result: form.desiredResult.trim(),
    plan: form.plan.trim(),
    group: form.group.trim(),
  };
  const unknown: string[] = [];
  const url = template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    if (Object.hasOwn(values, name)) return encodeURIComponent(values[name as FormPlaceholder]);
    unknown.push(whole);
    return whole;
  });
  if (unknown.length) {
    return { ok: false, message: `The STAR form address uses ${unknown.join(', ')}, which is not a known placeholder (known: ${Object.keys(values).map((k) => `{${k}}`).join(', ')}). Fix it on the options page.` };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: 'The STAR form address is not a valid URL once filled in. Fix it on the options page.' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, message: 'The STAR form address must start with https://.' };
  return { ok: true, url: parsed.toString() };
}

