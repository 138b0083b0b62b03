import { render } from 'preact';
import { afterEach } from 'vitest';

/**
 * The element a component test renders into: one per test file, in the document so focus and events work, and
 * emptied after every test (Preact unmounts the tree, running its cleanups).
 */
export function renderRoot(): HTMLDivElement {
  const root = document.body.appendChild(document.createElement('div'));
  afterEach(() => render(null, root));
  return root;
}
