/**
 * Putting template text into Zendesk's reply composer at the agent's cursor. The text goes in as text (never as
 * HTML), through `execCommand('insertText')` where the browser supports it, so the editor (CKEditor in production)
 * sees a real input event and keeps its own model in step; otherwise through the Range API plus an input event.
 */

/** The last caret position inside the composer, kept while focus moves to the panel's buttons. */
export function createCaretMemory(doc: Document, composer: () => HTMLElement | null, signal: AbortSignal) {
  let saved: Range | null = null;
  doc.addEventListener(
    'selectionchange',
    () => {
      const el = composer();
      const sel = doc.getSelection();
      if (!el || !sel || sel.rangeCount === 0) return;
      const range = sel.getRangeAt(0);
      if (el.contains(range.startContainer) && el.contains(range.endContainer)) saved = range.cloneRange();
    },
    { signal },
  );
  return {
    /** The remembered range when it is still inside this composer. */
    rangeIn(el: HTMLElement): Range | null {
      return saved && el.contains(saved.startContainer) && el.contains(saved.endContainer) ? saved : null;
    },
  };
}

/** Inserts text at the remembered caret (or at the end), replacing any selected text. */
export function insertIntoComposer(composer: HTMLElement, text: string, remembered: Range | null): void {
  const doc = composer.ownerDocument;
  composer.focus();
  const sel = doc.getSelection();
  let range = remembered;
  if (!range) {
    range = doc.createRange();
    range.selectNodeContents(composer);
    range.collapse(false);
  }
  sel?.removeAllRanges();
  sel?.addRange(range);
  // execCommand is deprecated but still the one way to edit a contenteditable that its editor (and undo) follow.
  let inserted = false;
  try {
    inserted = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  } catch {
    inserted = false;
  }
  if (inserted && composer.textContent?.includes(text.split('\n')[0] ?? '')) return;
  insertWithRange(composer, range, text);
}

function insertWithRange(composer: HTMLElement, range: Range, text: string): void {
  const doc = composer.ownerDocument;
  range.deleteContents();
  const fragment = doc.createDocumentFragment();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (i > 0) fragment.append(doc.createElement('br'));
    if (line) fragment.append(doc.createTextNode(line));
  });
  const last = fragment.lastChild;
  range.insertNode(fragment);
  if (last) {
    range.setStartAfter(last);
    range.collapse(true);
    const sel = doc.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  }
  const InputEventCtor = doc.defaultView?.InputEvent ?? InputEvent;
  composer.dispatchEvent(new InputEventCtor('input', { bubbles: true, inputType: 'insertText', data: text }));
}

/** The draft as text (line breaks kept), as Zendesk will send it. */
export function composerText(composer: HTMLElement): string {
  return (composer.innerText ?? composer.textContent ?? '').replace(/\u00a0/g, ' ');
}
