import { readFileSync } from 'node:fs';
import path from 'node:path';

export function fixturePath(name: string): string {
  return path.resolve(__dirname, '../fixtures', name);
}

/** Loads a saved page's body and html attributes into the test document. */
export function loadPage(name: string): Document {
  const html = readFileSync(fixturePath(name), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.setAttribute('data-theme', parsed.documentElement.getAttribute('data-theme') ?? 'light');
  document.body.innerHTML = parsed.body.innerHTML;
  return document;
}

/**
 * The accessible name an element gets from its content, for the simple markup of our badges and rows: text,
 * minus `aria-hidden` and `hidden` subtrees, one space between elements, whitespace collapsed. (jsdom has no
 * layout or accessibility tree; the browser tests check the real names.)
 */
export function nameFromContent(el: Element): string {
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
    return ` ${[...node.childNodes].map(walk).join('')} `;
  };
  return walk(el).replace(/\s+/g, ' ').trim();
}

/** The description `aria-describedby` gives an element (hidden targets count, as in the browser). */
export function describedBy(el: Element): string {
  const ids = el.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids.map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim();
}
