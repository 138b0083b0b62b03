/**
 * Keeps one badge per anchor element in sync with what a feature wants on the page: mounts the
 * missing ones, removes those whose anchor left the DOM or now stands for another ticket. Running it
 * again on the same DOM changes nothing, so a feature can never add a second badge.
 */
import type { BadgePlace } from '@/components/SlaBadge';
import { mountBadge, type BadgeDeps, type MountedBadge } from './badge-host';

export interface WantedBadge {
  anchor: Element;
  ticketId: number;
  insert: (host: HTMLElement) => void;
}

/** Badges are removed when `signal` aborts (navigation away, or the content script is invalidated). */
export function createBadgeSet(deps: BadgeDeps, place: BadgePlace, signal: AbortSignal) {
  const mounted = new Map<Element, MountedBadge>();
  const clear = (): void => {
    for (const badge of mounted.values()) badge.dispose();
    mounted.clear();
  };
  signal.addEventListener('abort', clear, { once: true });
  return {
    sync(wanted: WantedBadge[]): void {
      if (signal.aborted) return;
      const keep = new Set<Element>();
      for (const w of wanted) {
        keep.add(w.anchor);
        const current = mounted.get(w.anchor);
        if (current && current.ticketId === w.ticketId && current.host.isConnected) continue;
        current?.dispose();
        mounted.set(w.anchor, mountBadge(deps, w.ticketId, place, w.insert));
      }
      for (const [anchor, badge] of mounted) {
        if (!keep.has(anchor) || !badge.host.isConnected) {
          badge.dispose();
          mounted.delete(anchor);
        }
      }
    },
    ticketIds(): number[] {
      return [...mounted.values()].map((b) => b.ticketId);
    },
    clear,
  };
}

export type BadgeSet = ReturnType<typeof createBadgeSet>;
