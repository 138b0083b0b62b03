import type { SlaState } from '@/lib/sla/types';

const CIRCLE = 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z';
const OCTAGON = 'M5 1h6l4 4v6l-4 4H5l-4-4V5z';

/** A distinct shape per SLA state (16×16 paths), so colour is never the only signal. Badges and popup share it. */
export const STATE_ICON_PATHS: Record<SlaState, string> = {
  ok: `${CIRCLE}M8.75 4v3.7l2.4 1.4-.75 1.3L7.25 8.6V4z`,
  warning: 'M8 1 15.5 14.5h-15zM7.25 6v4h1.5V6zm0 5v1.5h1.5V11z',
  critical: `${OCTAGON}m2.25 3.5v5h1.5v-5zm0 6v1.5h1.5V10.5z`,
  breached: `${OCTAGON}m.2 3.1L4.1 5.2 6.9 8l-2.8 2.8 1.1 1.1L8 9.1l2.8 2.8 1.1-1.1L9.1 8l2.8-2.8-1.1-1.1L8 6.9z`,
  paused: 'M4 3h3v10H4zm5 0h3v10H9z',
  achieved: `${CIRCLE}m3.2 4.2 1 1.1L7 11.4 3.8 8.3l1-1.1L7 9.3z`,
  none: 'M3 7.25h10v1.5H3z',
};
