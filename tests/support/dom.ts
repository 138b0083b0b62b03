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
