// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { rowTicketId, selectedTicketPane, ticketTabs, visibleTicketRows, zendeskTheme, SELECTORS } from '@/lib/zendesk/selectors';
import { loadPage } from '../support/dom';

describe('Agent Workspace selectors against the saved page', () => {
  let doc: Document;
  beforeEach(() => {
    doc = loadPage('agent-workspace.html');
  });

  it('every selector matches something on the saved page', () => {
    for (const [name, selector] of Object.entries(SELECTORS)) {
      expect(doc.querySelector(selector), name).not.toBeNull();
    }
  });

  it('finds only the selected ticket pane although every open ticket stays mounted', () => {
    const selected = selectedTicketPane(doc);
    expect(selected?.ticketId).toBe(101);
    expect(selected?.subject.value).toBe('Runner stuck on pending');
  });

  it('follows the selection when another tab is shown', () => {
    const [first, second] = doc.querySelectorAll<HTMLElement>('main#main_panes > .workspace');
    first!.style.display = 'none';
    second!.style.display = '';
    expect(selectedTicketPane(doc)?.ticketId).toBe(102);
  });

  it('reads ticket ids from header tabs and skips tabs that are not tickets', () => {
    expect(ticketTabs(doc).map((t) => t.ticketId)).toEqual([101, 102]);
  });

  it('reads a row id from aria-describedby, else from the subject link', () => {
    const rows = [...doc.querySelectorAll(SELECTORS.tableRow)];
    expect(rows.map(rowTicketId)).toEqual([101, 102, 103]);
  });

  it('lists rows only of the table that is on screen', () => {
    expect(visibleTicketRows(doc)).toEqual([]);
    const panes = doc.querySelectorAll<HTMLElement>('main#main_panes > .workspace');
    panes[0]!.style.display = 'none';
    panes[2]!.style.display = '';
    expect(visibleTicketRows(doc).map((r) => r.ticketId)).toEqual([101, 102, 103]);
    expect(selectedTicketPane(doc)).toBeNull();
  });

  it('reads the theme from html[data-theme]', () => {
    expect(zendeskTheme(doc)).toBe('light');
    doc.documentElement.setAttribute('data-theme', 'dark');
    expect(zendeskTheme(doc)).toBe('dark');
  });
});

describe('Agent Workspace selectors against pages saved from the replica', () => {
  it('finds the selected ticket among two mounted ones, and both tabs', () => {
    const doc = loadPage('replica-ticket.html');
    expect(selectedTicketPane(doc)?.ticketId).toBe(102);
    expect(selectedTicketPane(doc)?.subject.value).toBe('CI pipelines stuck in pending on shared runners');
    expect(ticketTabs(doc).map((t) => t.ticketId)).toEqual([102, 112]);
    expect(visibleTicketRows(doc)).toEqual([]);
  });

  it('lists the rows of the visible view, and no ticket pane', () => {
    const doc = loadPage('replica-view.html');
    expect(selectedTicketPane(doc)).toBeNull();
    const rows = visibleTicketRows(doc);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(30);
  });
});
