/**
 * The hostile-content corpus in the replica, and the in-page check that it stayed inert, shared by the Chromium
 * test (hostile.test.ts) and the Firefox one (firefox.test.ts). `inertnessProbe` runs in the page (passed to
 * `page.evaluate` by Playwright or puppeteer), so it uses nothing from this module.
 */
import type { ReplicaStore } from '../../replica/store';
import { STATUS_ORDER } from '../../replica/model';
import { HOSTILE, asTag } from '../fixtures/hostile';

/** Puts the corpus into the replica: subjects of the agent's open tickets, and on one ticket its requester, tags and comments. */
export function seedHostile(store: ReplicaStore, agentId: number, ticketId: number): void {
  const mine = store
    .liveTickets()
    .filter((t) => t.assigneeId === agentId && STATUS_ORDER.indexOf(t.status) < STATUS_ORDER.indexOf('solved'))
    .sort((a, b) => a.id - b.id);
  if (mine.length <= 5) throw new Error(`The agent has ${mine.length} open tickets; the corpus needs more than 5.`);
  // Every string lands in some subject; the 100 KB ones each alone on a ticket.
  HOSTILE.forEach((s, i) => {
    const t = mine[i % mine.length]!;
    t.subject = i < mine.length ? s.text : `${t.subject} ${s.text}`;
  });
  const ticket = store.ticket(ticketId)!;
  ticket.tags = HOSTILE.slice(0, 20).map((s) => asTag(s.text));
  store.user(ticket.requesterId)!.name = HOSTILE.find((s) => s.text.startsWith('<img src=x'))!.text;
  const comments = store.commentsOf(ticketId);
  comments.forEach((c, i) => {
    const s = HOSTILE[(i * 7) % HOSTILE.length]!.text;
    c.body = s;
    c.htmlBody = s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  });
}

/**
 * What the extension put on a page (its shadow roots, or a whole extension page): any element, attribute or URL
 * from a payload, and whether any payload ran.
 */
export function inertnessProbe(whole: boolean): { bad: string[]; ran: number; roots: number } {
  const roots: ParentNode[] = whole
    ? [document]
    : [...document.querySelectorAll('zso-sla-badge, zso-guidance-panel, zso-escalate-button, zso-escalation-dialog')].map((el) => el.shadowRoot ?? el);
  const bad: string[] = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'marquee', 'video', 'audio', 'math'].includes(tag) && !(whole && ['script', 'meta'].includes(tag) && el.closest('head'))) bad.push(tag);
      if (tag === 'img' && el.getAttribute('src') === 'x') bad.push('img[src=x]');
      if (tag === 'link' && (el.getAttribute('href') ?? '').includes('evil')) bad.push('link');
      for (const a of el.attributes) {
        if (a.name.startsWith('on')) bad.push(`${tag}[${a.name}]`);
        if (/^\s*(javascript|vbscript|data):/i.test(a.value) && ['href', 'src', 'action', 'xlink:href'].includes(a.name)) bad.push(`${tag}[${a.name}=${a.value.slice(0, 20)}]`);
      }
    }
  }
  const w = window as unknown as { __zsoPwnCount?: number };
  return { bad, ran: w.__zsoPwnCount ?? -1, roots: roots.length };
}

