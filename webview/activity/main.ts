/**
 * The activity panel's webview: filters, a virtualised timeline (only the visible rows exist in the DOM;
 * older pages are asked for as the user scrolls), and a details pane. Every piece of logged text is set with
 * textContent: commands and paths are agent-controlled. Bundled by scripts/build.mjs to media/dist/activity.js.
 */
import type { FromWebview, PanelState, Row, ToWebview } from '../../src/activity/protocol';
import type { ActivityEntry, ActivityFilter, DecisionFilter, Outcome } from '../../src/activity/types';

interface SavedState {
  agent: string;
  decision: string;
  range: string;
  from: string;
  to: string;
  text: string;
}

declare function acquireVsCodeApi(): {
  postMessage(msg: FromWebview): void;
  getState(): SavedState | undefined;
  setState(s: SavedState): void;
};

const scriptStart = performance.now();
const vscode = acquireVsCodeApi();
const post = (m: FromWebview): void => vscode.postMessage(m);

// ---------------------------------------------------------------------------------------------------------
// DOM helpers: no innerHTML anywhere.

type Attrs = Record<string, string | number | boolean | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | undefined>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

function option(value: string, label: string): HTMLOptionElement {
  const o = h('option', { value });
  o.textContent = label;
  return o;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function fmtTime(t: number): string {
  const d = new Date(t);
  const now = new Date();
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return d.toDateString() === now.toDateString() ? time : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

function fmtFull(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

const OUTCOME_LABEL: Record<Outcome, string> = {
  'allowed': 'allowed',
  'allowed-once': 'allowed once',
  'allowed-session': 'allowed for session',
  'denied': 'denied',
  'timed-out': 'timed out',
  'blocked': 'blocked',
  'let-through': 'let through',
  'would-have-paused': 'would have paused',
  'handed-to-agent': 'asked in agent',
  'ran': 'ran',
  'created': 'created',
  'changed': 'changed',
  'deleted': 'deleted',
};

/** "paused → denied", "blocked", "ran · exit 3 · would pause", "created". */
function decisionText(r: Pick<Row, 'source' | 'decision' | 'outcome' | 'exitCode' | 'warned'>): string {
  if (r.source === 'terminal') {
    let s = r.exitCode === undefined ? 'ran' : `ran · exit ${r.exitCode}`;
    if (r.decision !== 'allow') s += r.decision === 'block' ? ' · would block' : ' · would pause';
    if (r.warned) s += ' · no hook';
    return s;
  }
  if (r.source === 'file') return OUTCOME_LABEL[r.outcome];
  if (r.decision === 'allow' || r.outcome === 'would-have-paused') return OUTCOME_LABEL[r.outcome];
  const verb = r.decision === 'ask' ? 'paused' : 'blocked';
  return r.outcome === 'blocked' ? 'blocked' : `${verb} → ${OUTCOME_LABEL[r.outcome]}`;
}

function decisionClass(r: Pick<Row, 'decision' | 'outcome' | 'warned'>): string {
  if (r.outcome === 'would-have-paused') return 'd-observe';
  if (r.warned) return 'd-warn';
  return `d-${r.decision}`;
}

// ---------------------------------------------------------------------------------------------------------
// Layout

const ROW_H = 24;
const OVERSCAN = 8;

const saved: SavedState = vscode.getState() ?? { agent: '', decision: '', range: 'all', from: '', to: '', text: '' };

const agentSel = h('select', { id: 'agent', 'aria-label': 'Agent' }, option('', 'All agents'));
const decisionSel = h('select', { id: 'decision', 'aria-label': 'Decision' },
  option('', 'All decisions'), option('allow', 'Allowed'), option('ask', 'Paused (ask)'), option('block', 'Blocked'),
  option('paused', 'Paused or blocked'), option('denied', 'Denied or blocked'), option('would-have-paused', 'Would have paused'),
  option('warned', 'Ran without a hook'));
const rangeSel = h('select', { id: 'range', 'aria-label': 'Time range' },
  option('all', 'All time'), option('1h', 'Last hour'), option('24h', 'Last 24 hours'), option('7d', 'Last 7 days'), option('custom', 'Custom range…'));
const fromIn = h('input', { id: 'from', type: 'datetime-local', 'aria-label': 'From', step: 1 });
const toIn = h('input', { id: 'to', type: 'datetime-local', 'aria-label': 'To', step: 1 });
const textIn = h('input', { id: 'text', type: 'search', placeholder: 'Search actions, targets, rules…', 'aria-label': 'Search' });
const exportJsonl = h('button', { id: 'export-jsonl', type: 'button', title: 'Export the filtered entries as JSON Lines' }, 'Export JSONL');
const exportCsv = h('button', { id: 'export-csv', type: 'button', title: 'Export the filtered entries as CSV' }, 'Export CSV');
const clearBtn = h('button', { id: 'clear', type: 'button', title: 'Hide everything logged so far (the log keeps it)' }, 'Clear view');
const unclearBtn = h('button', { id: 'unclear', type: 'button', hidden: true }, 'Show cleared');
const customRange = h('span', { class: 'custom-range', hidden: true }, fromIn, h('span', { 'aria-hidden': 'true' }, '–'), toIn);

const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Activity filters and actions' },
  agentSel, decisionSel, rangeSel, customRange, textIn,
  h('span', { class: 'spacer-flex' }), exportJsonl, exportCsv, clearBtn, unclearBtn);
const banner = h('div', { id: 'observe-banner', class: 'banner', role: 'note', hidden: true },
  'Observe-only mode: nothing is paused; actions that would have been paused are logged as "would have paused".');
const status = h('div', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });

const header = h('div', { class: 'row header', 'aria-hidden': 'true' },
  h('span', { class: 'c-time' }, 'Time'), h('span', { class: 'c-agent' }, 'Agent'), h('span', { class: 'c-action' }, 'Action'),
  h('span', { class: 'c-target' }, 'Target'), h('span', { class: 'c-decision' }, 'Decision'), h('span', { class: 'c-rule' }, 'Rule'));
const spacer = h('div', { class: 'spacer' });
const list = h('div', { id: 'list', class: 'list', role: 'listbox', 'aria-label': 'Activity timeline, newest first', tabindex: 0 }, spacer);
const empty = h('div', { class: 'empty', hidden: true }, 'No activity matches these filters.');
const details = h('div', { id: 'details', class: 'details', role: 'region', 'aria-label': 'Entry details', tabindex: -1 },
  h('p', { class: 'hint' }, 'Select an entry to see the full action, findings, production signals and who answered.'));

document.getElementById('app')!.append(toolbar, banner, status,
  h('div', { class: 'main' }, h('div', { class: 'timeline' }, header, list, empty), details));

// ---------------------------------------------------------------------------------------------------------
// State

let rows: Row[] = [];
let ids = new Set<string>();
let done = true;
let loading = false;
let generation = 0;
let selected = -1;
let state: PanelState = { observeOnly: false, agents: [] };
const pool = new Map<number, HTMLElement>();

function restoreControls(): void {
  agentSel.value = saved.agent;
  decisionSel.value = saved.decision;
  rangeSel.value = saved.range;
  fromIn.value = saved.from;
  toIn.value = saved.to;
  textIn.value = saved.text;
  customRange.hidden = saved.range !== 'custom';
}

function currentFilter(): ActivityFilter {
  const f: ActivityFilter = {};
  if (agentSel.value) f.agents = [agentSel.value];
  if (decisionSel.value) f.decision = decisionSel.value as DecisionFilter;
  if (textIn.value.trim()) f.text = textIn.value.trim();
  const now = Date.now();
  const span: Record<string, number> = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 };
  if (span[rangeSel.value]) f.from = now - span[rangeSel.value]!;
  if (rangeSel.value === 'custom') {
    const from = fromIn.value ? new Date(fromIn.value).getTime() : NaN;
    const to = toIn.value ? new Date(toIn.value).getTime() : NaN;
    if (Number.isFinite(from)) f.from = from;
    if (Number.isFinite(to)) f.to = to;
  }
  return f;
}

function saveControls(): void {
  vscode.setState({ agent: agentSel.value, decision: decisionSel.value, range: rangeSel.value, from: fromIn.value, to: toIn.value, text: textIn.value });
}

function query(): void {
  saveControls();
  loading = true;
  renderStatus();
  post({ type: 'log/query', filter: currentFilter() });
}

let textTimer: number | undefined;
textIn.addEventListener('input', () => {
  window.clearTimeout(textTimer);
  textTimer = window.setTimeout(query, 250);
});
for (const c of [agentSel, decisionSel, fromIn, toIn]) c.addEventListener('change', query);
rangeSel.addEventListener('change', () => {
  customRange.hidden = rangeSel.value !== 'custom';
  query();
});
exportJsonl.addEventListener('click', () => post({ type: 'log/export', format: 'jsonl' }));
exportCsv.addEventListener('click', () => post({ type: 'log/export', format: 'csv' }));
clearBtn.addEventListener('click', () => post({ type: 'log/clear' }));
unclearBtn.addEventListener('click', () => post({ type: 'log/unclear' }));

function applyState(s: PanelState): void {
  state = s;
  const current = agentSel.value || saved.agent;
  const agents = new Set(s.agents);
  if (current) agents.add(current);
  agentSel.replaceChildren(option('', 'All agents'), ...[...agents].sort().map((a) => option(a, a)));
  agentSel.value = current;
  banner.hidden = !s.observeOnly;
  unclearBtn.hidden = s.clearedAt === undefined;
}

function renderStatus(text?: string): void {
  if (text) {
    status.textContent = text;
    return;
  }
  const n = rows.length.toLocaleString('en-US');
  let s = loading ? 'Loading…' : `${n}${done ? '' : '+'} ${rows.length === 1 ? 'entry' : 'entries'}`;
  if (state.clearedAt !== undefined) s += ` since the view was cleared at ${fmtTime(state.clearedAt)}`;
  status.textContent = s;
}

// ---------------------------------------------------------------------------------------------------------
// Virtualised list

function rowLabel(r: Row): string {
  const parts = [fmtTime(r.t), r.agent, r.summary];
  if (r.target) parts.push(`target ${r.target}`);
  parts.push(decisionText(r));
  if (r.rule) parts.push(`rule ${r.rule}`);
  return parts.join(', ');
}

function fillRow(e: HTMLElement, r: Row, i: number): void {
  e.id = `row-${i}`;
  e.dataset.index = String(i);
  e.dataset.ref = r.ref;
  e.dataset.decision = r.decision;
  e.dataset.outcome = r.outcome;
  e.style.transform = `translateY(${i * ROW_H}px)`;
  e.setAttribute('aria-posinset', String(i + 1));
  e.setAttribute('aria-setsize', done ? String(rows.length) : '-1');
  e.setAttribute('aria-selected', String(i === selected));
  e.setAttribute('aria-label', rowLabel(r));
  e.tabIndex = i === selected || (selected < 0 && i === 0) ? 0 : -1;
  e.classList.toggle('selected', i === selected);
  const cells = e.children;
  cells[0]!.textContent = fmtTime(r.t);
  cells[1]!.textContent = r.agent;
  cells[2]!.textContent = r.summary;
  (cells[2] as HTMLElement).title = r.summary;
  cells[3]!.textContent = r.target ?? '';
  (cells[3] as HTMLElement).title = r.target ?? '';
  const badge = cells[4]!.firstElementChild as HTMLElement;
  badge.textContent = decisionText(r);
  badge.title = badge.textContent;
  badge.className = `badge ${decisionClass(r)}`;
  cells[5]!.textContent = r.rule ? (r.moreRules ? `${r.rule} +${r.moreRules}` : r.rule) : '';
}

function newRowElement(): HTMLElement {
  const e = h('div', { class: 'row item', role: 'option' },
    h('span', { class: 'c-time' }), h('span', { class: 'c-agent' }), h('span', { class: 'c-action' }),
    h('span', { class: 'c-target' }), h('span', { class: 'c-decision' }, h('span', { class: 'badge' })), h('span', { class: 'c-rule' }));
  e.addEventListener('click', () => select(Number(e.dataset.index), false));
  e.addEventListener('dblclick', () => details.focus());
  return e;
}

let frame = 0;
function scheduleRender(): void {
  if (!frame) frame = requestAnimationFrame(() => {
    frame = 0;
    render();
  });
}

function render(): void {
  const total = rows.length + (done ? 0 : 1);
  spacer.style.height = `${total * ROW_H}px`;
  empty.hidden = loading || rows.length > 0 || !done;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((list.scrollTop + list.clientHeight) / ROW_H) + OVERSCAN);
  // Recycle elements that scrolled out of view (never the focused one: focus would be lost).
  const spare: HTMLElement[] = [];
  for (const [i, e] of pool) {
    if (i >= rows.length || ((i < first || i > last) && e !== document.activeElement)) {
      pool.delete(i);
      spare.push(e);
    }
  }
  for (let i = first; i <= last; i++) {
    const r = rows[i];
    let e = pool.get(i);
    if (!r) {
      // The "loading more" placeholder after the last row.
      if (e) {
        pool.delete(i);
        spare.push(e);
      }
      continue;
    }
    if (!e) {
      e = spare.pop() ?? newRowElement();
      pool.set(i, e);
      if (!e.isConnected) list.append(e);
    }
    fillRow(e, r, i);
  }
  for (const e of spare) e.remove();
  placeholder.hidden = done;
  placeholder.style.transform = `translateY(${rows.length * ROW_H}px)`;
  if (!done && !loading && last >= rows.length - 50) more();
}

const placeholder = h('div', { class: 'row placeholder', 'aria-hidden': 'true' }, 'Loading older entries…');
list.append(placeholder);

function more(): void {
  if (done || loading) return;
  loading = true;
  post({ type: 'log/more', generation });
}

list.addEventListener('scroll', scheduleRender, { passive: true });
new ResizeObserver(scheduleRender).observe(list);

function visibleCount(): number {
  return Math.max(1, Math.floor(list.clientHeight / ROW_H) - 1);
}

function ensureVisible(i: number): void {
  const top = i * ROW_H;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + ROW_H > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_H - list.clientHeight;
}

function select(i: number, focus = true): void {
  if (rows.length === 0) return;
  i = Math.max(0, Math.min(rows.length - 1, i));
  selected = i;
  ensureVisible(i);
  render();
  const e = pool.get(i);
  if (e && (focus || list.contains(document.activeElement))) e.focus({ preventScroll: true });
  showDetailsFor(rows[i]!);
}

list.addEventListener('keydown', (ev) => {
  const cur = selected < 0 ? -1 : selected;
  const keys: Record<string, () => void> = {
    ArrowDown: () => select(cur + 1),
    ArrowUp: () => select(Math.max(0, cur - 1)),
    PageDown: () => select(cur + visibleCount()),
    PageUp: () => select(Math.max(0, cur - visibleCount())),
    Home: () => select(0),
    End: () => select(rows.length - 1),
    Enter: () => details.focus(),
  };
  const fn = keys[ev.key];
  if (!fn) return;
  ev.preventDefault();
  fn();
});
list.addEventListener('focus', () => {
  if (selected < 0 && rows.length > 0) select(0);
});
details.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && selected >= 0) {
    ev.preventDefault();
    select(selected);
  }
});

// ---------------------------------------------------------------------------------------------------------
// Details

let detailsRef: string | undefined;

function showDetailsFor(r: Row): void {
  detailsRef = r.ref;
  post({ type: 'entry/get', ref: r.ref });
}

function field(dl: HTMLElement, label: string, value: string | Node | undefined): void {
  if (value === undefined || value === '') return;
  dl.append(h('dt', {}, label), h('dd', {}, value));
}

function renderDetails(ref: string, e: ActivityEntry | null): void {
  if (ref !== detailsRef) return;
  if (!e) {
    details.replaceChildren(h('p', { class: 'hint' }, 'This entry is no longer in the log (it was rotated out).'));
    return;
  }
  const dl = h('dl');
  field(dl, 'Time', fmtFull(e.t));
  field(dl, 'Agent', `${e.agent} (${e.source})`);
  field(dl, 'Action', h('pre', { class: 'action' }, e.detail ?? e.summary));
  field(dl, 'Target', e.target);
  field(dl, 'Decision', h('span', { class: `badge ${decisionClass(e)}` }, decisionText({ ...e, exitCode: e.terminal?.exitCode })));
  field(dl, 'Reason', e.reason);
  if (e.findings.length > 0) {
    const ul = h('ul', { class: 'findings' });
    for (const f of e.findings) {
      ul.append(h('li', {},
        h('code', {}, f.ruleId), ` ${f.severity} · ${f.decision}: ${f.message}`,
        f.target ? h('div', { class: 'sub' }, `Target: ${f.target}`) : undefined,
        f.safer ? h('div', { class: 'sub' }, `Safer: ${f.safer}`) : undefined));
    }
    field(dl, 'Findings', ul);
  }
  if (e.signals.length > 0) field(dl, 'Production signals', h('ul', { class: 'signals' }, ...e.signals.map((s) => h('li', {}, s))));
  if (e.answeredBy) field(dl, 'Answered by', e.answeredAt ? `${e.answeredBy} at ${fmtFull(e.answeredAt)}` : e.answeredBy);
  field(dl, 'Working folder', e.cwd);
  if (e.terminal) {
    const t = e.terminal;
    field(dl, 'Terminal', `${t.name}${t.exitCode !== undefined ? ` · exit code ${t.exitCode}` : ''}${t.hooked ? ' · seen by a hook first' : ''}${t.confidence ? ` · command line confidence ${t.confidence}` : ''}`);
  }
  if (e.file) field(dl, 'File', `${e.file.op}: ${e.file.path}`);
  if (e.warned) field(dl, 'Warning', 'This command would have been paused, but it ran in a terminal without passing through a hook.');
  field(dl, 'Entry id', e.id);

  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Entry actions' });
  const button = (id: string, label: string, onClick: () => void): void => {
    const b = h('button', { id, type: 'button' }, label);
    b.addEventListener('click', onClick);
    actions.append(b);
  };
  button('copy-action', 'Copy action', () => post({ type: 'entry/copy', ref, what: 'action' }));
  button('copy-json', 'Copy as JSON', () => post({ type: 'entry/copy', ref, what: 'json' }));
  const path = e.file?.path ?? (e.kind === 'file' ? e.target : undefined);
  if (path && e.file?.op !== 'deleted') button('open-file', 'Open file', () => post({ type: 'entry/openFile', ref }));
  if (e.file && e.file.op !== 'created') button('open-diff', 'Open diff', () => post({ type: 'entry/openDiff', ref }));
  details.replaceChildren(h('h2', {}, e.summary), actions, dl);
}

// ---------------------------------------------------------------------------------------------------------
// Messages from the extension

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'log/reset': {
      const hadFocus = list.contains(document.activeElement) && document.activeElement !== list;
      for (const e of pool.values()) e.remove();
      pool.clear();
      generation = m.generation;
      rows = m.rows;
      ids = new Set(rows.map((r) => r.id));
      done = m.done;
      loading = false;
      selected = -1;
      list.scrollTop = 0;
      applyState(m.state);
      render();
      renderStatus();
      if (!document.body.dataset.ready) document.body.dataset.firstRenderMs = String(Math.round(performance.now() - scriptStart));
      document.body.dataset.ready = 'true';
      if (hadFocus) list.focus({ preventScroll: true });
      break;
    }
    case 'log/page':
      if (m.generation !== generation) return;
      for (const r of m.rows) if (!ids.has(r.id)) {
        ids.add(r.id);
        rows.push(r);
      }
      done = m.done;
      loading = false;
      render();
      renderStatus();
      break;
    case 'log/append': {
      if (m.generation !== generation) return;
      const fresh = m.rows.filter((r) => !ids.has(r.id));
      if (fresh.length === 0) return;
      for (const r of fresh) ids.add(r.id);
      rows = [...fresh, ...rows];
      if (selected >= 0) selected += fresh.length;
      // Keep what the user is reading in place; at the top, show the new rows.
      if (list.scrollTop > 0) list.scrollTop += fresh.length * ROW_H;
      const hadFocus = list.contains(document.activeElement) && document.activeElement !== list;
      for (const e of pool.values()) e.remove();
      pool.clear();
      render();
      if (hadFocus && selected >= 0) pool.get(selected)?.focus({ preventScroll: true });
      renderStatus();
      break;
    }
    case 'entry/details':
      renderDetails(m.ref, m.entry);
      break;
    case 'state':
      applyState(m.state);
      renderStatus();
      break;
    case 'notice':
      renderStatus(m.text);
      window.setTimeout(() => renderStatus(), 6000);
      break;
  }
});

restoreControls();
const initial = currentFilter();
post(Object.keys(initial).length > 0 ? { type: 'ready', filter: initial } : { type: 'ready' });
