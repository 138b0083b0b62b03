// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { maskValue, pageSkeleton, type SkeletonNode } from '@/lib/diagnostics/skeleton';
import { HOSTILE } from '../../fixtures/hostile';
import { loadPage } from '../../support/dom';

/** Every string value anywhere in the skeleton. */
function strings(node: SkeletonNode | null): string[] {
  if (!node) return [];
  const own = [node.tag, node.testId, node.gardenId, node.role, ...(node.attrs ?? [])].filter((v): v is string => typeof v === 'string');
  return [...own, ...(node.children ?? []).flatMap(strings)];
}

describe('the page skeleton', () => {
  beforeEach(() => {
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  it('keeps tags and hook attributes, masks numbers, and keeps only the names of aria attributes', () => {
    document.body.innerHTML = `
      <main id="main_panes" role="main">
        <div data-test-id="ticket-4711-custom-layout" aria-label="Ticket 4711: Jane Doe">
          <input data-test-id="omni-header-subject" value="Secret subject" aria-describedby="x">
          <span>plain text without hooks</span>
        </div>
      </main>`;
    const { root } = pageSkeleton(document.documentElement);
    const all = strings(root);
    expect(all).toContain('ticket-#-custom-layout');
    expect(all).toContain('omni-header-subject');
    expect(all).toContain('aria-label');
    expect(all.join(' ')).not.toMatch(/4711|Jane|Secret|plain text/);
    // An element without hooks and without hooked descendants is not listed.
    expect(all).not.toContain('span');
  });

  it('turns values that do not look like identifiers into "?"', () => {
    expect(maskValue('header-tab')).toBe('header-tab');
    expect(maskValue('generic-table-row-12345')).toBe('generic-table-row-#');
    expect(maskValue('Jane <jane@example.com>')).toBe('?');
    expect(maskValue('')).toBe('?');
  });

  it('holds no text of a page full of hostile content', () => {
    const attrs = HOSTILE.slice(0, 40)
      .map((s, i) => `<div data-test-id="${s.text.replace(/"/g, '&quot;')}" role="${i}" title="${s.text.replace(/"/g, '&quot;')}">${s.text.replace(/</g, '&lt;')}</div>`)
      .join('');
    document.body.innerHTML = `<section data-garden-id="grid">${attrs}</section>`;
    const json = JSON.stringify(pageSkeleton(document.documentElement));
    for (const s of HOSTILE.slice(0, 40)) {
      if (/^[A-Za-z0-9_.:-]+$/.test(s.text) || s.text.trim().length < 4) continue; // identifier-like strings may stay, masked
      expect(json, s.text.slice(0, 40)).not.toContain(s.text);
    }
    // Numeric roles are masked like any number.
    expect(json).not.toMatch(/"role":"\d/);
  });

  it('folds runs of identical rows into one with a count', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<tr data-test-id="generic-table-row" aria-describedby="generic-table-row-${i + 100}"><td data-test-id="ticket-table-cells-subject">S ${i}</td></tr>`).join('');
    document.body.innerHTML = `<table data-garden-id="tables.table"><tbody>${rows}</tbody></table>`;
    const { root } = pageSkeleton(document.documentElement);
    const table = root?.children?.find((c) => c.tag === 'body')?.children?.[0];
    const tbody = table?.children?.[0];
    expect(tbody?.children).toEqual([
      { tag: 'tr', testId: 'generic-table-row', attrs: ['aria-describedby'], repeat: 30, children: [{ tag: 'td', testId: 'ticket-table-cells-subject' }] },
    ]);
  });

  it('stops at the node cap and says so', () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<div data-test-id="item-${i % 2 ? 'a' : 'b'}"></div>`).join('');
    const s = pageSkeleton(document.documentElement, 10);
    expect(s.truncated).toBe(true);
    expect(s.nodes).toBeLessThanOrEqual(12);
  });

  it('describes the saved Agent Workspace page with its hooks and no subject', () => {
    const doc = loadPage('agent-workspace.html');
    const s = pageSkeleton(doc.documentElement);
    const all = strings(s.root);
    expect(all).toEqual(expect.arrayContaining(['omni-header-subject', 'header-tab', 'generic-table-row']));
    expect(JSON.stringify(s)).not.toContain('Runner stuck on pending');
  });
});
