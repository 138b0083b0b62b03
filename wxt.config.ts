import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { E2E_AGENT_MATCHES, E2E_HOST_PERMISSIONS, ZENDESK_AGENT_MATCHES, ZENDESK_HOST_PERMISSIONS } from './lib/zendesk/urls';

/** Custom Zendesk domains (support.example.com) and the STAR Slack webhook, requested at the click. */
const OPTIONAL_HOST_PERMISSIONS = ['https://*/*', 'https://hooks.slack.com/*'];
/**
 * e2e builds only: the replica under a second host name (`support.localhost`) stands in for a custom domain.
 * Chromium's permission prompt cannot be clicked by Playwright, so the e2e build holds this host permission
 * from install: `permissions.request` then resolves true without a prompt and the rest of the real path
 * (saving the domain, registering the content scripts, the badges) runs as in the store build. The content
 * scripts' static `matches` do not include it, so badges there prove the registration worked.
 */
const E2E_CUSTOM_DOMAIN_PERMISSIONS = ['http://*.localhost/*'];

// The oldest browsers a store may offer the extension to. The newest web APIs it relies on are the Popover API and
// `checkVisibility` (badge details, escalation dialog: Chrome 114, Firefox 125); Chrome 116 leaves a margin, as
// nothing below Chromium 156 is tested. Firefox's `data_collection_permissions` (the add-on's data statement,
// below) needs Firefox 140, and 142 on Android.
const CHROME_MIN_VERSION = '116';
const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

// `npm run build:e2e` (mode "e2e") also matches the local Zendesk replica; store builds never do.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources package (Firefox review) carries the code and how to build it, not the README's pictures or
  // test output.
  zip: { excludeSources: ['docs/screenshots/**', 'test-results/**'] },
  imports: false,
  vite: (env) => ({
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
    // The browser tests' build compiles JSX as the store build does: any mode but "production" would otherwise
    // get the development form (jsxDEV with file names and line numbers, 5 KB more in the popup alone).
    ...(env.mode === 'e2e' ? { oxc: { jsx: { development: false } } } : {}),
  }),
  manifest: ({ mode, manifestVersion, browser }) => ({
    name: 'Zendesk SLA Overlay',
    description: 'Live SLA countdowns on Zendesk tickets, ticket tabs and view lists.',
    permissions: ['scripting', 'alarms', 'notifications', 'storage'],
    // The toolbar button opens the popup (entrypoints/popup); its badge and title come from the poller.
    action: { default_title: 'Zendesk SLA queue' },
    // Alt+Shift+E is not one of Chrome's own shortcuts; the worker tells the active ticket tab to open the
    // escalation dialog (lib/background/star.ts). Agents can change it at chrome://extensions/shortcuts.
    commands: {
      'open-escalation': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: 'Escalate the open Zendesk ticket (STAR and emergency mode)',
      },
    },
    host_permissions: mode === 'e2e' ? [...ZENDESK_HOST_PERMISSIONS, ...E2E_HOST_PERMISSIONS, ...E2E_CUSTOM_DOMAIN_PERMISSIONS] : [...ZENDESK_HOST_PERMISSIONS],
    // Asked for one origin at a time, at the click that needs it (options page): a custom Zendesk domain
    // (host mapping, any https host) and the Slack webhook of the STAR escalation. Firefox MV2 has no
    // optional_host_permissions; host patterns go in optional_permissions there.
    ...(manifestVersion === 2
      ? { optional_permissions: [...OPTIONAL_HOST_PERMISSIONS] }
      : { optional_host_permissions: [...OPTIONAL_HOST_PERMISSIONS, ...(mode === 'e2e' ? E2E_CUSTOM_DOMAIN_PERMISSIONS : [])] }),
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
    // Firefox (AMO) wants a stable add-on id and a statement of what data leaves the browser: none does (the
    // extension talks only to the agent's own Zendesk). `web-ext lint` (npm run lint:firefox) checks both.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'zendesk-sla-overlay@gitlab-support', strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
          },
        }
      : { minimum_chrome_version: CHROME_MIN_VERSION }),
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      for (const script of manifest.content_scripts ?? []) {
        if (script.matches?.some((m) => ZENDESK_AGENT_MATCHES.includes(m))) {
          script.matches = [...script.matches, ...E2E_AGENT_MATCHES];
        }
      }
    },
    // The content script runs on every Zendesk page, so it keeps the browser's own promise-based
    // `browser`/`chrome` namespace (all it uses is storage and runtime messaging, identical in
    // Chrome MV3 and Firefox) instead of bundling webextension-polyfill's 10 KB. Extension pages
    // and the worker keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      if (alias && !Array.isArray(alias)) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
});
