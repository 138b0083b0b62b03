import { defineUnlistedScript } from '#imports';
import { hookReport } from '@/lib/diagnostics/hooks';
import { pageSkeleton } from '@/lib/diagnostics/skeleton';
import type { PageFindings } from '@/lib/diagnostics/report';
import { parseAgentRoute } from '@/lib/zendesk/urls';

// Injected into one Zendesk tab by the page check (entrypoints/check) when the agent asks for it; its value is
// what `scripting.executeScript` returns. Never runs at page load.
export default defineUnlistedScript(
  (): PageFindings => ({
    route: parseAgentRoute(location).kind,
    hooks: hookReport(document, location),
    skeleton: pageSkeleton(document.documentElement),
  }),
);
