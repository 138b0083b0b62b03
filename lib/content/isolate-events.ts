/**
 * Zendesk binds page-wide shortcuts to keys and reacts to clicks and focus anywhere in the document. An injected
 * panel or dialog where the agent types or clicks keeps those events inside its shadow host, so typing "j" in
 * a field does not move Zendesk to the next ticket. (The badges' host stops a smaller set: they have no fields.)
 */
export const ISOLATED_EVENTS = ['click', 'mousedown', 'mouseup', 'pointerdown', 'keydown', 'keyup', 'keypress', 'focusin', 'focusout', 'input', 'change'] as const;

export function isolateEvents(host: HTMLElement): void {
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation());
}
