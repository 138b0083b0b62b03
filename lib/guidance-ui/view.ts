/**
 * From matched cards to what the panel shows: templates and links filled from the ticket's fields. Pure, so the
 * component stays a function of its props and tests can check the filling without a page.
 */
import { fillLink, fillTemplate, templateFields, type CardMatch } from '../guidance/evaluate';
import type { GuidanceContext, GuidanceTicket } from '../guidance/ticket';

export interface TemplateView {
  id: string;
  title: string;
  /** Filled text; unknown fields stay visible as `{{field}}`. */
  text: string;
  missing: string[];
}

export interface LinkView {
  id: string;
  title: string;
  /** Null when a field the link needs is missing (the link is shown disabled, saying which). */
  url: string | null;
  missing: string[];
}

export interface CardView {
  id: string;
  title: string;
  why: string;
  handbook: { page: string; section: string; url: string };
  reasons: string[];
  checklist: { id: string; text: string }[];
  templates: TemplateView[];
  links: LinkView[];
}

export function cardViews(matches: readonly CardMatch[], ticket: GuidanceTicket, context: GuidanceContext): CardView[] {
  const fields = templateFields(ticket, context);
  return matches.map(({ card, reasons }) => ({
    id: card.id,
    title: card.title,
    why: card.why,
    handbook: card.handbook,
    reasons,
    checklist: card.checklist,
    templates: card.templates.map((t) => ({ id: t.id, title: t.title, ...fillTemplate(t.body, fields) })),
    links: card.links.map((l) => fillLink(l, fields)),
  }));
}
