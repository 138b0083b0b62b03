/**
 * A skeleton of a Zendesk page for the page check (docs/page-check.md): the element tree reduced to what the
 * extension's hooks look at, with nothing that could identify a person or a ticket. Kept:
 * - tag names;
 * - the values of `data-test-id`, `data-garden-id` and `role`, only when they look like identifiers (letters,
 *   digits, `-`, `_`, `.`, `:`), with every run of digits replaced by `#` (test ids carry ticket and user ids,
 *   `ticket-123-custom-layout`); anything else becomes `?`;
 * - the names, never the values, of `aria-*` attributes and of the other attributes hooks read
 *   (`data-entity-id`, `data-channel`, `contenteditable`, `hidden`);
 * - whether the element is hidden (`display:none`, `visibility:hidden`, `content-visibility`).
 * No text, no other attribute values, no class names, no URLs. Only elements that carry one of the kept
 * attributes, and their ancestors, are listed; runs of identical siblings are folded into one with a count.
 */

export interface SkeletonNode {
  tag: string;
  testId?: string;
  gardenId?: string;
  role?: string;
  /** Names of the other attributes hooks read, present on the element (values are never kept). */
  attrs?: string[];
  hidden?: true;
  /** This node stands for `repeat` identical siblings in a row. */
  repeat?: number;
  children?: SkeletonNode[];
}

export interface PageSkeleton {
  root: SkeletonNode | null;
  /** Elements the skeleton lists (folded runs count once). */
  nodes: number;
  /** True when the node cap cut the skeleton short. */
  truncated: boolean;
}

const VALUE_ATTRS = { 'data-test-id': 'testId', 'data-garden-id': 'gardenId', role: 'role' } as const;
const NAME_ONLY_ATTRS = new Set(['data-entity-id', 'data-entity-type', 'data-channel', 'contenteditable', 'hidden', 'data-theme']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);
const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,100}$/;
/** Enough for Zendesk's agent page with several tabs open; a larger page is cut and says so. */
export const SKELETON_MAX_NODES = 4_000;
const MAX_DEPTH = 80;

/** An attribute value as the skeleton may show it: an identifier with its numbers masked, else `?`. */
export function maskValue(value: string): string {
  return IDENTIFIER.test(value) ? value.replace(/\d+/g, '#') : '?';
}

function isHidden(el: Element): boolean {
  // checkVisibility (Chrome 105, Firefox 106) covers display:none on the element and its ancestors; the options
  // add visibility:hidden and content-visibility, which Zendesk's background panes may use.
  return typeof el.checkVisibility === 'function' ? !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) : false;
}

function describe(el: Element): { node: SkeletonNode; hooked: boolean } {
  const node: SkeletonNode = { tag: el.localName };
  let hooked = false;
  const attrs: string[] = [];
  for (const attr of Array.from(el.attributes)) {
    const key = VALUE_ATTRS[attr.name as keyof typeof VALUE_ATTRS];
    if (key) {
      node[key] = maskValue(attr.value);
      hooked = true;
    } else if (attr.name.startsWith('aria-') || NAME_ONLY_ATTRS.has(attr.name)) {
      attrs.push(attr.name);
      hooked = true;
    }
  }
  if (attrs.length > 0) node.attrs = attrs.sort();
  return { node, hooked };
}

function sameShape(a: SkeletonNode, b: SkeletonNode): boolean {
  return JSON.stringify({ ...a, repeat: undefined }) === JSON.stringify({ ...b, repeat: undefined });
}

/** Folds runs of identical siblings (thirty view rows become one row with `repeat: 30`). */
function fold(children: SkeletonNode[]): SkeletonNode[] {
  const out: SkeletonNode[] = [];
  for (const child of children) {
    const last = out.at(-1);
    if (last && sameShape(last, child)) last.repeat = (last.repeat ?? 1) + (child.repeat ?? 1);
    else out.push(child);
  }
  return out;
}

export function pageSkeleton(root: Element, maxNodes = SKELETON_MAX_NODES): PageSkeleton {
  let nodes = 0;
  let truncated = false;
  const walk = (el: Element, depth: number): SkeletonNode | null => {
    if (SKIPPED_TAGS.has(el.tagName) || depth > MAX_DEPTH) return null;
    const { node, hooked } = describe(el);
    const children: SkeletonNode[] = [];
    for (const child of Array.from(el.children)) {
      if (nodes >= maxNodes) {
        truncated = true;
        break;
      }
      const c = walk(child, depth + 1);
      if (c) children.push(c);
    }
    if (!hooked && children.length === 0) return null;
    if (hooked && isHidden(el)) node.hidden = true;
    if (children.length > 0) node.children = fold(children);
    nodes++;
    return node;
  };
  const tree = walk(root, 0);
  // Folding can only shrink the tree: count what the report holds.
  const count = (n: SkeletonNode | null): number => (n ? 1 + (n.children ?? []).reduce((s, c) => s + count(c), 0) : 0);
  return { root: tree, nodes: count(tree), truncated };
}
