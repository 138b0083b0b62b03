/**
 * The badge stylesheet, one string shared by every badge's shadow root (no per-badge fetch).
 * Colours meet WCAG AA (4.5:1) for their text in both themes; every state also has its own icon.
 */
export const SLA_BADGE_CSS = `
:host { all: initial; display: inline-flex; vertical-align: middle; font: 500 12px/1.2 system-ui, -apple-system, "Segoe UI", sans-serif; }
:host([data-zso-place="ticket"]) { margin-inline-start: 8px; }
:host([data-zso-place="tab"]) { margin-inline-start: 4px; font-size: 11px; }
:host([data-zso-place="row"]) { margin-inline-end: 6px; }
:host([data-zso-place="floating"]) { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; font-size: 13px; }
.badge { display: inline-flex; align-items: center; gap: 4px; border: 1px solid transparent; border-radius: 10px; padding: 2px 7px; font: inherit; cursor: pointer; white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge:focus-visible { outline: 2px solid #1f73b7; outline-offset: 2px; }
.word { font-weight: 600; }
.state-ok { background: #e6f4ea; color: #0b5323; border-color: #a8d5b5; }
.state-warning { background: #fff4ce; color: #5c4400; border-color: #e9cd6a; }
.state-critical { background: #ffe3d1; color: #8a2800; border-color: #f3a77b; }
.state-breached { background: #b3261e; color: #ffffff; border-color: #8c1d18; }
.state-paused { background: #eceff3; color: #39414b; border-color: #c5ccd6; }
.state-achieved { background: #e8f0fe; color: #174ea6; border-color: #aecbfa; }
.state-none { background: #f1f3f4; color: #4d5156; border-color: #d5d8dc; }
:host([data-zso-theme="dark"]) .state-ok { background: #113d22; color: #b7f0c8; border-color: #2c6a41; }
:host([data-zso-theme="dark"]) .state-warning { background: #3d3100; color: #ffe58a; border-color: #7a6210; }
:host([data-zso-theme="dark"]) .state-critical { background: #4a1d05; color: #ffc29e; border-color: #8f4518; }
:host([data-zso-theme="dark"]) .state-breached { background: #f2b8b5; color: #601410; border-color: #f2b8b5; }
:host([data-zso-theme="dark"]) .state-paused { background: #2c3138; color: #d6dbe1; border-color: #4a525c; }
:host([data-zso-theme="dark"]) .state-achieved { background: #162c52; color: #bcd3fb; border-color: #30528c; }
:host([data-zso-theme="dark"]) .state-none { background: #2b2e31; color: #c9ccd0; border-color: #4a4e53; }
.details { margin: 0; inset: auto; position: fixed; max-width: 340px; min-width: 240px; padding: 10px 12px; border: 1px solid #c2c8cc; border-radius: 8px; background: #ffffff; color: #2f3941; box-shadow: 0 8px 24px rgba(4, 68, 77, .2); font: 400 12px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; text-align: start; white-space: normal; }
:host([data-zso-theme="dark"]) .details { background: #1f2327; color: #e3e6e8; border-color: #4a4e53; }
.heading { margin: 0 0 6px; font-weight: 600; font-size: 13px; }
.details ul { list-style: none; margin: 0; padding: 0; }
.details li { padding: 6px 0; border-top: 1px solid rgba(128, 128, 128, .3); }
.details .row { display: flex; justify-content: space-between; gap: 8px; align-items: center; }
.label { font-weight: 600; }
.pill { display: inline-flex; align-items: center; gap: 3px; border-radius: 8px; padding: 0 6px; border: 1px solid transparent; }
.source { opacity: .85; font-size: 11px; }
.error { margin: 0 0 6px; padding: 4px 6px; border-radius: 4px; background: #fde8e7; color: #8c1d18; }
:host([data-zso-theme="dark"]) .error { background: #4a1512; color: #ffd9d6; }
.empty { margin: 0; }
@media (prefers-color-scheme: dark) {
  :host([data-zso-theme="system"]) .details { background: #1f2327; color: #e3e6e8; border-color: #4a4e53; }
}
`;
