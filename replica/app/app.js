// The replica's Agent Workspace: a plain ES module SPA that reproduces the DOM hooks the extension
// relies on (REFERENCE.md §3). Ticket data only ever reaches the DOM through textContent, value and
// setAttribute, so hostile seed strings stay inert here too.

/** Every API call from this app carries `_client=agent-app` so tests can tell its requests from the extension's. */
const CLIENT = '_client=agent-app';
const PAGE_SIZE = 30;
const STATUSES = ['new', 'open', 'pending', 'hold', 'solved'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const CHANNEL_LABELS = {
  email: 'Email', web: 'Web form', api: 'API', twitter: 'X Corp (Twitter)', facebook: 'Facebook', any_channel: 'Channel integration',
  chat: 'Chat', voice: 'Voicemail', forum: 'Community', mobile: 'Mobile', native_messaging: 'Messaging',
};
const METRIC_LABELS = {
  first_reply_time: 'First reply', next_reply_time: 'Next reply', periodic_update_time: 'Periodic update',
  pausable_update_time: 'Pausable update', requester_wait_time: 'Requester wait', agent_work_time: 'Agent work',
  total_resolution_time: 'Resolution',
};

const state = {
  me: null,
  csrf: document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '',
  users: new Map(),
  views: [],
  tabs: [],
  selected: null,
  workspaces: new Map(),
  listUrl: '/agent/filters/360001',
  listToken: 0,
  list: null,
};

/** Element builder: strings become text nodes, never markup. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'className') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

async function api(path, init = {}) {
  const sep = path.includes('?') ? '&' : '?';
  const headers = { Accept: 'application/json', ...(init.headers ?? {}) };
  if (init.body) headers['Content-Type'] = 'application/json';
  if (init.method && init.method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
  const res = await fetch(`${path}${sep}${CLIENT}`, { credentials: 'same-origin', ...init, headers });
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new Error(`HTTP ${res.status}: response is not JSON`);
  }
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${body?.error ?? 'error'}${body?.description ? ` (${body.description})` : ''}`);
  return body;
}

async function ensureUsers(ids) {
  const missing = [...new Set(ids.filter((id) => id !== null && id !== undefined && !state.users.has(id)))];
  if (missing.length === 0) return;
  const body = await api(`/api/v2/users/show_many?ids=${missing.join(',')}`);
  for (const u of body.users) state.users.set(u.id, u);
}
const userName = (id) => (id === null || id === undefined ? '-' : (state.users.get(id)?.name ?? `User ${id}`));
const initials = (name) => name.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : '-');
const fmtDate = (isoText) =>
  new Date(isoText).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function fmtLeft(ms) {
  const abs = Math.abs(ms);
  const text = abs < 3_600_000 ? `${Math.round(abs / 60_000)}m` : abs < 86_400_000 ? `${Math.floor(abs / 3_600_000)}h` : `${Math.floor(abs / 86_400_000)}d`;
  return ms < 0 ? `-${text}` : text;
}

/** The server's clock (the replica's may be shifted), read from the Date header of the last API call. */
let serverSkew = 0;
async function syncClock() {
  const res = await fetch('/__replica/clock', { credentials: 'same-origin' });
  const body = await res.json();
  serverSkew = body.now - Date.now();
}
const serverNow = () => Date.now() + serverSkew;

// ---------------------------------------------------------------- shell

const root = document.getElementById('root');
const tablist = h('nav', { 'data-test-id': 'header-tablist', role: 'tablist', 'aria-label': 'Tabs' });
const homeTab = h('div', {
  'data-test-id': 'header-tab-home', role: 'tab', tabindex: '0', 'aria-selected': 'true', className: 'tab home-tab',
  onclick: () => navigate(state.listUrl),
}, h('span', { className: 'tab-title', text: 'Views' }));
tablist.append(homeTab);
const searchInput = h('input', { type: 'search', placeholder: 'Search Zendesk', 'aria-label': 'Search', 'data-test-id': 'replica-search-input' });
const themeToggle = h('button', {
  type: 'button', className: 'icon-button', 'data-test-id': 'replica-theme-toggle', 'aria-label': 'Toggle dark mode',
  onclick: () => setTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'),
}, '◐');
const avatar = h('span', { className: 'avatar me', 'data-test-id': 'replica-current-user' }, '…');
const header = h('header', { 'data-test-id': 'header-toolbar', 'data-garden-id': 'navigation.header', className: 'toolbar' },
  tablist,
  h('form', { className: 'search-form', role: 'search', onsubmit: (e) => { e.preventDefault(); navigate(`/agent/search/1?q=${encodeURIComponent(searchInput.value)}`); } }, searchInput),
  themeToggle,
  avatar,
);
const viewLinks = h('ul', { className: 'view-links' });
const sidebar = h('nav', { className: 'sidebar', 'aria-label': 'Views', 'data-test-id': 'replica-left-nav' },
  h('div', { className: 'brand' }, h('span', { className: 'logo', 'aria-hidden': 'true' }, 'Z'), 'Support'),
  h('h2', { text: 'Views' }),
  viewLinks,
);
const listPane = h('section', { className: 'list-pane', 'data-test-id': 'replica-list-pane' });
const main = h('main', { id: 'main_panes', 'data-garden-id': 'navigation.main', className: 'main' }, listPane);
root.append(sidebar, h('div', { className: 'shell' }, header, main));

function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem('replica-theme', theme);
}
{
  const fromUrl = new URLSearchParams(location.search).get('theme');
  const stored = localStorage.getItem('replica-theme');
  if (fromUrl === 'dark' || fromUrl === 'light') setTheme(fromUrl);
  else if (stored === 'dark' || stored === 'light') document.documentElement.dataset.theme = stored;
}

function navigate(url) {
  if (`${location.pathname}${location.search}` !== url) history.pushState({}, '', url);
  route();
}
window.addEventListener('popstate', () => route());
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[data-internal]') : null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  navigate(a.getAttribute('data-internal'));
});

function route() {
  const path = location.pathname;
  const ticket = /^\/agent\/tickets\/(\d+)/.exec(path);
  if (ticket) return openTicket(Number(ticket[1]));
  state.listUrl = `${path}${location.search}`;
  const view = /^\/agent\/filters\/(\d+)/.exec(path);
  if (view) return showList({ kind: 'view', viewId: Number(view[1]) });
  if (path.startsWith('/agent/search')) return showList({ kind: 'search', q: new URLSearchParams(location.search).get('q') ?? '' });
  state.listUrl = '/agent/filters/360001';
  return showList({ kind: 'view', viewId: 360001 });
}

function select(ticketId) {
  state.selected = ticketId;
  homeTab.setAttribute('aria-selected', String(ticketId === null));
  for (const tab of tablist.querySelectorAll('[data-test-id="header-tab"]')) {
    tab.setAttribute('aria-selected', String(Number(tab.getAttribute('data-entity-id')) === ticketId));
  }
  // Zendesk keeps every open ticket mounted and hides the others with an inline style.
  for (const [id, ws] of state.workspaces) {
    if (id === ticketId) ws.el.removeAttribute('style');
    else ws.el.setAttribute('style', 'display: none;');
  }
  if (ticketId === null) listPane.removeAttribute('style');
  else listPane.setAttribute('style', 'display: none;');
  for (const a of viewLinks.querySelectorAll('a')) {
    a.setAttribute('aria-current', String(ticketId === null && a.getAttribute('data-internal') === location.pathname));
  }
}

// ---------------------------------------------------------------- lists (views and search)

async function loadViews() {
  const body = await api('/api/v2/views');
  state.views = body.views;
  viewLinks.replaceChildren(...state.views.map((v) =>
    h('li', {}, h('a', { href: `/agent/filters/${v.id}`, 'data-internal': `/agent/filters/${v.id}`, 'data-test-id': `views_views-list-item-${v.id}` }, v.title))));
  select(state.selected);
}

function showList(list) {
  const same = state.list && state.list.kind === list.kind && state.list.viewId === list.viewId && state.list.q === list.q;
  if (!same) {
    state.list = { ...list, cursors: [null], page: 1 };
    renderList();
  }
  select(null);
}

async function renderList() {
  const token = ++state.listToken;
  const list = state.list;
  listPane.replaceChildren(h('div', { className: 'loading', role: 'status' }, 'Loading tickets…'));
  try {
    let title;
    let tickets;
    let hasNext;
    let counter;
    if (list.kind === 'view') {
      const after = list.cursors[list.page - 1];
      const [viewBody, page, count] = await Promise.all([
        api(`/api/v2/views/${list.viewId}`),
        api(`/api/v2/views/${list.viewId}/tickets?page[size]=${PAGE_SIZE}${after ? `&page[after]=${encodeURIComponent(after)}` : ''}`),
        api(`/api/v2/views/${list.viewId}/count`),
      ]);
      title = viewBody.view.title;
      tickets = page.tickets;
      hasNext = page.meta.has_more;
      if (hasNext) list.cursors[list.page] = page.meta.after_cursor;
      counter = `${count.view_count.value} tickets`;
    } else {
      title = list.q ? `Search: ${list.q}` : 'Search';
      if (!list.q.trim()) {
        tickets = [];
        hasNext = false;
        counter = 'Type a query in the search box';
      } else {
        const body = await api(`/api/v2/search?query=${encodeURIComponent(`type:ticket ${list.q}`)}&per_page=${PAGE_SIZE}&page=${list.page}`);
        tickets = body.results.filter((r) => r.result_type === 'ticket');
        hasNext = body.next_page !== null;
        counter = `${body.count} results`;
      }
    }
    await ensureUsers(tickets.flatMap((t) => [t.requester_id, t.assignee_id]));
    if (token !== state.listToken) return;
    const headerEl = h('div', { className: 'list-header', 'data-test-id': 'views_views-list_header' },
      h('h1', { text: title }),
      h('span', { className: 'counter', 'data-test-id': 'views_views-header-counter', text: counter }));
    const parts = [headerEl];
    if (list.kind === 'search') {
      parts.push(h('div', { className: 'search-tabs', role: 'tablist' },
        h('div', { role: 'tab', 'aria-selected': 'true', 'data-test-id': 'search_tables_tab-tickets', className: 'search-tab', text: 'Tickets' })));
    }
    parts.push(ticketTable(tickets), pagination(list, hasNext));
    listPane.replaceChildren(...parts);
  } catch (err) {
    if (token !== state.listToken) return;
    listPane.replaceChildren(h('div', { className: 'error-banner', role: 'alert', text: `Could not load tickets. ${err.message}` }));
  }
}

function statusBadge(status) {
  return h('span', { className: `status-badge status-${status}`, 'data-test-id': `status-badge-${status}`, title: cap(status) }, status === 'hold' ? 'On-hold' : cap(status));
}

function ticketTable(tickets) {
  const head = h('thead', {}, h('tr', {}, ...['', 'ID', 'Subject', 'Requester', 'Requested', 'Priority', 'Assignee'].map((c) => h('th', { scope: 'col', text: c }))));
  const rows = tickets.map((t) => {
    const open = (e) => {
      e.preventDefault();
      navigate(`/agent/tickets/${t.id}`);
    };
    return h('tr', { 'data-test-id': 'generic-table-row', 'aria-describedby': `generic-table-row-${t.id}`, className: 'row', onclick: open },
      h('td', { 'data-test-id': 'ticket-table-cells-status' }, statusBadge(t.status)),
      h('td', { 'data-test-id': 'generic-table-cells-id', text: `#${t.id}` }),
      h('td', { 'data-test-id': 'ticket-table-cells-subject', id: `generic-table-row-${t.id}` },
        // Zendesk's own links are relative ("tickets/<id>") and handled by the router.
        h('a', { href: `tickets/${t.id}`, onclick: open, dir: 'auto' }, t.subject ?? '')),
      h('td', { 'data-test-id': 'ticket-table-cells-requester', text: userName(t.requester_id) }),
      h('td', { 'data-test-id': 'generic-table-cells-date' }, h('time', { datetime: t.created_at, text: fmtDate(t.created_at) })),
      h('td', { 'data-test-id': 'ticket-table-cells-priority', text: cap(t.priority) }),
      h('td', { 'data-test-id': 'ticket-table-cells-assignee', text: userName(t.assignee_id) }),
    );
  });
  const body = h('tbody', { 'data-test-id': 'generic-table-body' }, ...rows);
  if (rows.length === 0) body.append(h('tr', {}, h('td', { colspan: '7', className: 'empty', text: 'No tickets in this view' })));
  return h('table', { 'data-test-id': 'generic-table', className: 'table' }, head, body);
}

function pagination(list, hasNext) {
  const go = (page) => {
    list.page = page;
    renderList();
  };
  return h('nav', { className: 'pagination', 'data-test-id': 'generic-table-pagination', 'aria-label': 'Pagination' },
    h('button', { type: 'button', 'data-test-id': 'generic-table-pagination-first', disabled: list.page === 1, onclick: () => go(1) }, '« First'),
    h('button', { type: 'button', 'data-test-id': 'generic-table-pagination-prev', disabled: list.page === 1, onclick: () => go(list.page - 1) }, '‹ Prev'),
    h('span', { 'data-test-id': 'views_views-header-page-amount', text: `Page ${list.page}` }),
    h('button', { type: 'button', 'data-test-id': 'generic-table-pagination-next', disabled: !hasNext, onclick: () => go(list.page + 1) }, 'Next ›'),
  );
}

// ---------------------------------------------------------------- tickets

function openTicket(id) {
  if (!state.workspaces.has(id)) {
    const tab = h('div', {
      'data-test-id': 'header-tab', role: 'tab', tabindex: '0', 'aria-selected': 'false', 'data-entity-id': String(id),
      'data-entity-type': 'ticket', className: 'tab', onclick: () => navigate(`/agent/tickets/${id}`),
    },
    h('div', { className: 'tab-text' },
      h('div', { 'data-test-id': 'header-tab-title', className: 'tab-title', dir: 'auto', text: 'Loading…' }),
      h('div', { 'data-test-id': 'header-tab-subtitle', className: 'tab-subtitle', text: `#${id}` })),
    h('button', {
      type: 'button', 'data-test-id': 'close-button', className: 'close', 'aria-label': `Close tab #${id}`,
      onclick: (e) => { e.stopPropagation(); closeTicket(id); },
    }, '×'));
    tablist.append(tab);
    const el = h('div', { className: 'workspace', 'data-replica-ticket-id': String(id) });
    main.append(el);
    const ws = { id, el, tab, ticket: null, comments: [], draft: { public: true, priority: null } };
    state.workspaces.set(id, ws);
    state.tabs.push(id);
    loadTicket(ws);
  }
  select(id);
}

function closeTicket(id) {
  const ws = state.workspaces.get(id);
  if (!ws) return;
  ws.el.remove();
  ws.tab.remove();
  state.workspaces.delete(id);
  state.tabs = state.tabs.filter((x) => x !== id);
  if (state.selected === id) {
    const next = state.tabs[state.tabs.length - 1];
    navigate(next === undefined ? state.listUrl : `/agent/tickets/${next}`);
  }
}

async function loadTicket(ws) {
  ws.el.replaceChildren(h('div', { className: 'loading', role: 'status' }, 'Loading ticket…'));
  try {
    const [ticketBody, commentsBody, faults] = await Promise.all([
      api(`/api/v2/tickets/${ws.id}?include=slas`),
      api(`/api/v2/tickets/${ws.id}/comments`),
      fetch('/__replica/faults', { credentials: 'same-origin' }).then((r) => r.json()).catch(() => ({})),
      syncClock().catch(() => undefined),
    ]);
    ws.ticket = ticketBody.ticket;
    ws.comments = commentsBody.comments;
    ws.markupDrift = faults.markupDrift === true;
    ws.draft.priority = ws.ticket.priority;
    await ensureUsers([ws.ticket.requester_id, ws.ticket.assignee_id, ...ws.comments.map((c) => c.author_id)]);
    renderTicket(ws);
  } catch (err) {
    ws.el.replaceChildren(h('div', { className: 'error-banner', role: 'alert', text: `Could not load ticket #${ws.id}. ${err.message}` }));
    ws.tab.querySelector('[data-test-id="header-tab-title"]').textContent = `Ticket #${ws.id}`;
  }
}

function field(label, testId, ...content) {
  return h('div', { className: 'field', 'data-garden-id': 'grid.row' },
    h('div', { className: 'field-label', text: label }),
    h('div', { className: 'field-value', 'data-test-id': testId }, ...content));
}

function priorityCombobox(ws) {
  const value = h('div', { 'data-garden-id': 'dropdowns.combobox.value', className: 'combobox-value', text: cap(ws.draft.priority) });
  const listbox = h('ul', { role: 'listbox', className: 'listbox', hidden: true, 'aria-label': 'Priority' },
    ...PRIORITIES.map((p) => h('li', {
      role: 'option', 'aria-selected': String(p === ws.draft.priority), 'data-test-id': `ticket-fields-priority-option-${p}`,
      onclick: (e) => {
        e.stopPropagation();
        ws.draft.priority = p;
        value.textContent = cap(p);
        listbox.hidden = true;
        for (const o of listbox.children) o.setAttribute('aria-selected', String(o.textContent === cap(p)));
      },
    }, cap(p))));
  const box = h('div', {
    'data-garden-id': 'dropdowns.combobox', role: 'combobox', tabindex: '0', 'aria-expanded': 'false', className: 'combobox',
    onclick: () => {
      listbox.hidden = !listbox.hidden;
      box.setAttribute('aria-expanded', String(!listbox.hidden));
    },
  }, value, h('span', { className: 'chevron', 'aria-hidden': 'true' }, '▾'));
  return h('div', { 'data-test-id': 'ticket-fields-priority-select', className: 'select' }, box, listbox);
}

function slaStrip(t) {
  const metrics = t.slas?.policy_metrics ?? [];
  const running = metrics.filter((m) => m.stage !== 'achieved');
  if (running.length === 0) return null;
  return h('div', { 'data-test-id': 'sla-divider-wrapper', className: 'sla-strip' },
    ...running.map((m) => {
      const left = m.breach_at ? Date.parse(m.breach_at) - serverNow() : null;
      const cls = m.stage === 'paused' ? 'paused' : left !== null && left < 0 ? 'breached' : 'active';
      return h('span', { 'data-test-id': 'sla-policy-metric', className: `sla-metric ${cls}`, title: METRIC_LABELS[m.metric] ?? m.metric },
        `${METRIC_LABELS[m.metric] ?? m.metric}: `, m.stage === 'paused' ? 'paused' : left === null ? 'no breach' : fmtLeft(left));
    }));
}

function logItem(c, t) {
  const author = state.users.get(c.author_id);
  const kind = !c.public ? 'internal' : author && author.role !== 'end-user' ? 'agent' : 'end-user';
  const name = userName(c.author_id);
  return h('article', { 'data-test-id': 'omni-log-comment-item', className: `log-item ${kind}` },
    h('div', { className: `avatar ${kind}`, 'aria-hidden': 'true', text: initials(name) }),
    h('div', { className: 'log-body' },
      h('div', { className: 'log-meta' },
        h('span', { 'data-test-id': 'omni-log-item-sender', className: 'sender' },
          h('a', { 'data-test-id': 'omni-log-comment-user-link', href: `/agent/users/${c.author_id}`, dir: 'auto', onclick: (e) => e.preventDefault() }, name)),
        c.public ? null : h('span', { 'data-test-id': 'omni-log-internal-note-tag', className: 'internal-tag', text: 'Internal note' }),
        h('time', { datetime: c.created_at, 'data-test-id': 'timestamp-relative', text: fmtDate(c.created_at) }),
        c.author_id === t.requester_id ? h('span', { className: 'via', text: `via ${CHANNEL_LABELS[c.via?.channel] ?? c.via?.channel ?? ''}` }) : null),
      h('div', { 'data-test-id': 'omni-log-item-message', type: kind, className: 'message' },
        h('div', { 'data-test-id': 'omni-log-message-content', className: 'message-content', dir: 'auto', text: c.body }))));
}

function renderTicket(ws) {
  const t = ws.ticket;
  ws.tab.querySelector('[data-test-id="header-tab-title"]').textContent = t.subject ?? `Ticket #${t.id}`;
  const channel = t.via?.channel ?? 'unknown';
  const subject = ws.markupDrift
    ? h('h1', { className: 'subject-heading', dir: 'auto', text: t.subject ?? '' })
    : h('input', { 'data-test-id': 'omni-header-subject', className: 'subject-input', 'aria-label': 'Subject', dir: 'auto', readonly: true, value: t.subject ?? '' });
  const requester = state.users.get(t.requester_id);

  const fields = h('div', { 'data-test-id': 'column-1', 'data-garden-id': 'pane', className: 'pane fields-pane' },
    h('div', { id: 'ticket_sidebar' },
      field('Requester', 'ticket-system-field-requester-select', userName(t.requester_id)),
      field('Assignee', 'assignee-field', t.assignee_id === null ? '-' : `Support/${userName(t.assignee_id)}`),
      field('Tags', 'ticket-fields-tags', ...(t.tags ?? []).map((tag) => h('span', { className: 'tag', 'data-test-id': 'ticket-system-field-tags-item-selected', text: tag }))),
      h('div', { className: 'field-pair' },
        field('Type', 'ticket-fields-type-select', h('div', { 'data-garden-id': 'dropdowns.combobox.value', className: 'combobox-value static', text: cap(t.type) })),
        h('div', { className: 'field', 'data-garden-id': 'grid.row' }, h('div', { className: 'field-label', text: 'Priority' }), priorityCombobox(ws))),
      field('Status', 'ticket-fields-status-view', statusBadge(t.status))));

  const editor = h('div', {
    'data-test-id': 'ticket-rich-text-editor', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true',
    'aria-label': 'Comment', className: 'editor', 'data-placeholder': 'Write a public reply…',
  });
  const switcher = h('button', {
    type: 'button', 'data-test-id': 'omnichannel-channel-switcher-button', className: 'channel-switch',
    onclick: () => {
      ws.draft.public = !ws.draft.public;
      updateSwitcher();
    },
  });
  const updateSwitcher = () => {
    switcher.setAttribute('data-channel', ws.draft.public ? 'web' : 'internal');
    switcher.setAttribute('aria-label', ws.draft.public ? 'Public reply' : 'Internal note');
    switcher.textContent = ws.draft.public ? 'Public reply ▾' : 'Internal note ▾';
    editor.classList.toggle('internal', !ws.draft.public);
    editor.setAttribute('data-placeholder', ws.draft.public ? 'Write a public reply…' : 'Write an internal note…');
  };
  updateSwitcher();

  const conversation = h('div', { 'data-test-id': 'column-2', 'data-garden-id': 'pane', className: 'pane conversation-pane' },
    h('div', { className: 'omni-header', 'data-test-id': 'omni-header' },
      subject,
      h('div', { className: 'omni-meta' },
        h('div', { 'data-test-id': 'omni-header-via-label', className: 'via-label', text: `Via ${CHANNEL_LABELS[channel] ?? channel}` }),
        h('span', { className: 'ticket-id', text: `#${t.id}` }))),
    slaStrip(t),
    h('div', { 'data-test-id': 'omni-log-container', className: 'log', role: 'log', 'aria-label': 'Conversation' }, ...ws.comments.map((c) => logItem(c, t))),
    h('div', { className: 'composer' }, h('div', { className: 'composer-toolbar' }, switcher), editor));

  const context = h('div', { 'data-test-id': 'column-3', 'data-garden-id': 'pane', className: 'pane context-pane' },
    h('div', { 'data-test-id': 'component-type-ContextPanel', className: 'context-panel' },
      h('h2', { text: 'Customer' }),
      h('div', { className: 'card' },
        h('div', { className: 'avatar end-user big', 'aria-hidden': 'true', text: initials(userName(t.requester_id)) }),
        h('div', {},
          h('div', { className: 'card-name', dir: 'auto', 'data-test-id': 'context-panel-requester-name', text: userName(t.requester_id) }),
          h('div', { className: 'muted', text: requester?.email ?? '' }))),
      h('dl', { className: 'facts' },
        h('dt', { text: 'Assignee' }), h('dd', { 'data-test-id': 'context-panel-assignee', text: userName(t.assignee_id) }),
        h('dt', { text: 'Requested' }), h('dd', {}, h('time', { datetime: t.created_at, text: fmtDate(t.created_at) })),
        h('dt', { text: 'Updated' }), h('dd', {}, h('time', { datetime: t.updated_at, text: fmtDate(t.updated_at) })),
        h('dt', { text: 'Tags' }), h('dd', { 'data-test-id': 'context-panel-tags' }, ...(t.tags ?? []).map((tag) => h('span', { className: 'tag', text: tag }))))));

  const notice = h('div', { className: 'footer-notice', role: 'status', 'data-test-id': 'replica-footer-notice' });
  const menu = h('ul', { role: 'menu', className: 'submit-menu', hidden: true, 'data-test-id': 'submit_button-menu' },
    ...STATUSES.map((s) => h('li', {
      role: 'menuitem', tabindex: '-1', 'data-test-id': `submit_button-menu-item-${s}`,
      onclick: () => {
        menu.hidden = true;
        submit(ws, editor, notice, s);
      },
    }, statusBadge(s), ` Submit as ${s === 'hold' ? 'On-hold' : cap(s)}`)));
  const current = t.status === 'new' ? 'open' : t.status;
  const footer = h('div', { 'data-test-id': 'ticket-footer', className: 'footer' },
    notice,
    h('div', { className: 'split-button' },
      h('button', { type: 'button', 'data-test-id': 'submit_button-button', className: 'primary', onclick: () => submit(ws, editor, notice, current) },
        `Submit as ${current === 'hold' ? 'On-hold' : cap(current)}`),
      h('button', {
        type: 'button', 'data-test-id': 'submit_button-menu-button', className: 'primary menu-toggle', 'aria-haspopup': 'menu', 'aria-label': 'Choose status',
        onclick: () => { menu.hidden = !menu.hidden; },
      }, '▾'),
      menu));

  const grid = h('div', { className: 'ticket-panes-grid-layout', 'data-test-id': `ticket-${t.id}-custom-layout` }, fields, conversation, context);
  ws.el.replaceChildren(grid, footer);
  const log = conversation.querySelector('[data-test-id="omni-log-container"]');
  log.scrollTop = log.scrollHeight;
}

async function submit(ws, editor, notice, status) {
  const t = ws.ticket;
  const text = editor.innerText.trim();
  const ticket = {};
  if (text) ticket.comment = { body: text, public: ws.draft.public };
  if (ws.draft.priority && ws.draft.priority !== t.priority) ticket.priority = ws.draft.priority;
  if (status && status !== t.status) ticket.status = status;
  if (Object.keys(ticket).length === 0) {
    notice.textContent = 'Nothing to submit.';
    return;
  }
  notice.textContent = 'Submitting…';
  try {
    await api(`/api/v2/tickets/${t.id}`, { method: 'PUT', body: JSON.stringify({ ticket }) });
    ws.draft.public = true;
    await loadTicket(ws);
  } catch (err) {
    notice.textContent = `Update failed: ${err.message}`;
    notice.setAttribute('role', 'alert');
  }
}

// ---------------------------------------------------------------- boot

(async () => {
  try {
    const me = await api('/api/v2/users/me');
    state.me = me.user;
    if (me.user.authenticity_token) state.csrf = me.user.authenticity_token;
    state.users.set(me.user.id, me.user);
    avatar.textContent = initials(me.user.name ?? '?');
    avatar.title = me.user.name ?? '';
  } catch (err) {
    avatar.textContent = '!';
    avatar.title = err.message;
  }
  loadViews().catch(() => undefined);
  route();
})();
