/** The one ordered registry of content features. A meta-test fails when a feature file is missing here. */
import { floatingFallback } from './floating-fallback';
import { listBadges } from './list-badges';
import { tabBadges } from './tab-badges';
import { ticketBadge } from './ticket-badge';
import type { Feature } from './types';

export const FEATURES: readonly Feature[] = [ticketBadge, tabBadges, listBadges, floatingFallback];
