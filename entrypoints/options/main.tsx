/**
 * The options page's imperative shell (wiring only): reads storage, renders the pure `OptionsApp`, validates
 * forms (lib/options/*) and saves only valid ones, asks for host permissions at the click that needs them
 * (custom domains, the Slack webhook, an import), and asks the worker to test a connection. Open Zendesk tabs,
 * the popup and the worker follow the saved items by themselves (storage change events).
 */
import { browser } from '#imports';
import { render } from 'preact';
import { OptionsApp, type InstanceRow, type PlaybookSectionProps, type PlaybookStatus, type PresetChoice } from '@/components/OptionsApp';
import '@/components/Options.css';
import { fetchForInstance, maskToken } from '@/lib/background/instance-auth';
import { OPTIONS_SYNC_DOMAINS, OPTIONS_TEST_AUTH, type TestAuthReply } from '@/lib/background/options-messages';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { exportPlaybook, previewImport } from '@/lib/guidance-ui/playbook-import';
import { effectivePlaybook, readTeamPlaybook, saveTeamPlaybook, teamPlaybookItem, type TeamPlaybookRead } from '@/lib/guidance-ui/storage';
import { alertsFormOf, parseAlertsForm, parseAuthForm } from '@/lib/options/forms';
import {
  businessHoursFormOf,
  formatIntervals,
  parseBusinessHoursForm,
  parseCustomDomain,
  parseEscalationForm,
  parseScheduleId,
  parseShiftForm,
  shiftFormOf,
  slaFormOf,
  parseSlaForm,
  SLACK_PERMISSION,
} from '@/lib/options/sla-forms';
import { parseShift, shiftItem } from '@/lib/popup/shift';
import { domainRow, hostPattern } from '@/lib/settings/custom-domains';
import { fetchZendeskSchedule, refreshProblemOf, type ScheduleFetch } from '@/lib/settings/schedule-fetch';
import { exportSettings, importWrites, previewSettingsImport, readCurrentSettings } from '@/lib/settings/file';
import { resolveCalendar } from '@/lib/settings/sla-resolve';
import { PRIORITY_KEYS } from '@/lib/settings/sla-settings-schema';
import { SLA_PRESETS, type PresetTarget } from '@/lib/sla/presets';
import {
  alertSettingsItem,
  customDomainSyncItem,
  customDomainsItem,
  scheduleRefreshItem,
  type CustomDomainSync,
  escalationSettingsItem,
  instanceAuthItem,
  instancesItem,
  slaSettingsItem,
} from '@/lib/storage';
import { storage } from 'wxt/utils/storage';

function playbookStatus({ team, problem }: TeamPlaybookRead): PlaybookStatus {
  return team.mode === 'default'
    ? { mode: 'default', name: DEFAULT_PLAYBOOK.name, fileName: null, importedAt: null, problem }
    : { mode: team.mode, name: effectivePlaybook(team, DEFAULT_PLAYBOOK).name, fileName: team.fileName, importedAt: team.importedAt, problem };
}

/** Saves the file through a Blob and a temporary download link (no downloads permission needed). */
function download(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function playbookProps(read: TeamPlaybookRead): PlaybookSectionProps {
  return {
    status: playbookStatus(read),
    onParse: async (request) => previewImport(request, (await readTeamPlaybook()).team, DEFAULT_PLAYBOOK, Date.now()),
    onApply: (preview) => saveTeamPlaybook(preview.team),
    onExport: (format) => {
      void readTeamPlaybook().then(({ team }) => {
        const file = exportPlaybook(effectivePlaybook(team, DEFAULT_PLAYBOOK), format);
        download(file.text, file.fileName, file.mime);
      });
    },
    onReset: async () => {
      await saveTeamPlaybook({ mode: 'default' });
    },
  };
}

/** "8 business h", "30 min", "1 business day". */
function hint(target: PresetTarget | null): string {
  if (!target) return 'none';
  if (target.unit === 'business_days' || target.unit === 'days') return target.label;
  const hours = target.amount / 60;
  return target.unit === 'business_minutes' ? `${hours} business h` : target.amount < 60 ? `${target.amount} min` : `${hours} h`;
}

const PRESET_CHOICES: PresetChoice[] = Object.values(SLA_PRESETS).map((p) => {
  const hints = {} as PresetChoice['hints'];
  for (const k of PRIORITY_KEYS) hints[k] = { first: hint(p.priorities[k].first_reply_time), next: hint(p.priorities[k].next_reply_time) };
  const social = p.channels.social;
  const community = p.channels.community;
  return {
    id: p.id as PresetChoice['id'],
    label: p.label,
    hints,
    social: social ? (social.first_reply.kind === 'deadline' ? social.first_reply.target.label : 'a window') : 'none (priority targets)',
    community:
      community?.first_reply.kind === 'window' ? `opens after ${community.first_reply.opens_after.label}, closes after ${community.first_reply.closes_after.label}` : 'none (priority targets)',
  };
});

async function fetchSchedule(origin: string, idText: string): Promise<ScheduleFetch> {
  const id = parseScheduleId(idText);
  if (id === null) return { ok: false, message: 'A schedule id is a whole number, for example 360000012345.' };
  if (!origin) return { ok: false, message: 'Open your Zendesk first, so the extension knows where to fetch from.' };
  const auth = (await instanceAuthItem.get())[origin];
  return fetchZendeskSchedule(fetchForInstance(origin, auth, globalThis.fetch.bind(globalThis)), origin, id, Date.now);
}

/** Bumped after an import, so every form shows the imported values; the notice says what happened. */
let revision = 0;
let importNotice: string | undefined;

async function draw(): Promise<void> {
  const [instances, auths, settings, team, sla, escalation, domains, shiftRaw, sync, scheduleRefresh] = await Promise.all([
    instancesItem.get(),
    instanceAuthItem.get(),
    alertSettingsItem.get(),
    readTeamPlaybook(),
    slaSettingsItem.get(),
    escalationSettingsItem.get(),
    customDomainsItem.get(),
    shiftItem.getValue(),
    customDomainSyncItem.get(),
    scheduleRefreshItem.get(),
  ]);
  const rows: InstanceRow[] = instances.map(({ origin }) => {
    const auth = auths[origin];
    return auth?.mode === 'token'
      ? { origin, mode: 'token', email: auth.email, tokenMask: maskToken(auth.token) }
      : { origin, mode: 'session', email: '', tokenMask: null };
  });
  const domainRows = await Promise.all(domains.map(async ({ origin }) => domainRow(origin, await browser.permissions.contains({ origins: [hostPattern(origin)] }), sync)));
  // The saved schedule's instance too: after an import into a fresh profile no Zendesk has been seen yet.
  const savedOrigin = sla.businessHours.kind === 'zendesk' ? [sla.businessHours.origin] : [];
  const origins = [...new Set([...instances.map((i) => i.origin), ...domains.map((d) => d.origin), ...savedOrigin])];
  render(
    <OptionsApp
      key={revision}
      instances={rows}
      domains={{
        rows: domainRows,
        onAdd: async (text) => {
          const parsed = parseCustomDomain(text);
          if (!parsed.ok) return parsed.error;
          // Asked before any await, so the request keeps this click's user gesture.
          const granted = await browser.permissions.request({ origins: [parsed.permission] }).catch(() => false);
          if (!granted) return `The browser did not grant access to ${parsed.origin}, so nothing was added.`;
          await customDomainsItem.update((all) => (all.some((d) => d.origin === parsed.origin) ? all : [...all, { origin: parsed.origin, addedAt: Date.now() }]));
          void draw();
          return null;
        },
        onRemove: async (origin) => {
          await customDomainsItem.update((all) => all.filter((d) => d.origin !== origin));
          // Nor polled any more: without its access the worker could not reach it.
          await instancesItem.update((all) => all.filter((i) => i.origin !== origin));
          // The access goes with it (least privilege); the worker unregisters the scripts on the change.
          await browser.permissions.remove({ origins: [hostPattern(origin)] }).catch(() => false);
          void draw();
        },
        onRetry: async () => {
          const outcome = await browser.runtime.sendMessage({ type: OPTIONS_SYNC_DOMAINS }).catch(() => null);
          void draw();
          if (!outcome) return 'The extension\'s background worker did not answer: reload this page and try again.';
          return (outcome as CustomDomainSync).error;
        },
        onGrant: async (origin) => {
          const granted = await browser.permissions.request({ origins: [hostPattern(origin)] }).catch(() => false);
          void draw();
          return granted ? null : `Access to ${origin} was not granted.`;
        },
      }}
      sla={{
        initial: slaFormOf(sla),
        presets: PRESET_CHOICES,
        onSave: async (form) => {
          const result = parseSlaForm(form);
          if (!result.ok) return result.errors;
          await slaSettingsItem.update((current) => ({ ...result.value, businessHours: current.businessHours }));
          return null;
        },
      }}
      businessHours={{
        initial: businessHoursFormOf(sla.businessHours, origins[0] ?? ''),
        origins,
        describe: formatIntervals,
        onFetch: fetchSchedule,
        problem: resolveCalendar(sla).problem,
        refreshProblem: refreshProblemOf(sla, scheduleRefresh),
        onSave: async (form) => {
          const result = parseBusinessHoursForm(form);
          if (!result.ok) return result.errors;
          await slaSettingsItem.update((current) => ({ ...current, businessHours: result.value }));
          return null;
        },
      }}
      shift={{
        initial: shiftFormOf(parseShift(shiftRaw)),
        onSave: async (form) => {
          const result = parseShiftForm(form);
          if (!result.ok) return result.errors;
          await shiftItem.setValue(result.value);
          return null;
        },
      }}
      alerts={alertsFormOf(settings)}
      escalation={{
        initial: escalation,
        onSave: async (form) => {
          const result = parseEscalationForm(form);
          if (!result.ok) return result.errors;
          if (result.value.slackWebhookUrl) {
            // At this click: the STAR worker posts only when `permissions.contains` says it may.
            const granted = await browser.permissions.request({ origins: [SLACK_PERMISSION] }).catch(() => false);
            if (!granted) return { slackWebhookUrl: 'The browser did not grant access to hooks.slack.com; without it the STAR cannot post to Slack. Nothing was saved.' };
          }
          await escalationSettingsItem.set(result.value);
          return null;
        },
      }}
      onSaveAuth={async (origin, form) => {
        const result = parseAuthForm(form, (await instanceAuthItem.get())[origin]);
        if (!result.ok) return result.errors;
        await instanceAuthItem.update((all) => ({ ...all, [origin]: result.value }));
        return null;
      }}
      onTestAuth={async (origin, form) => {
        const auth = form.mode === 'session' ? { mode: 'session' } : { mode: 'token', email: form.email.trim(), token: form.token.trim() };
        try {
          return (await browser.runtime.sendMessage({ type: OPTIONS_TEST_AUTH, origin, auth })) as TestAuthReply;
        } catch {
          return { ok: false, message: 'The extension did not answer. Reload this page and try again.' };
        }
      }}
      onSaveAlerts={async (form) => {
        const result = parseAlertsForm(form);
        if (!result.ok) return result.errors;
        await alertSettingsItem.set(result.value);
        return null;
      }}
      playbook={playbookProps(team)}
      settingsFile={{
        notice: importNotice,
        onExport: () => {
          void exportSettings(Date.now()).then((file) => download(file.text, file.fileName, 'application/json'));
        },
        onPreview: async (text) => previewSettingsImport(text, await readCurrentSettings()),
        onApply: async (preview) => {
          const granted = preview.permissions.length
            ? await browser.permissions.request({ origins: preview.permissions }).catch(() => false)
            : true;
          // Every item and its version marker in one write: all of the import lands, or none of it.
          await storage.setItems(importWrites(preview));
          importNotice = granted
            ? 'Imported. Open Zendesk tabs, the popup and the worker use the new settings now.'
            : `Imported, but the browser did not grant access to ${preview.permissions.join(', ')}: grant it under Zendesk instances.`;
          revision++;
          await draw();
          return null;
        },
      }}
    />,
    document.getElementById('app')!,
  );
}

void draw();
// The worker's registration of a custom domain's scripts ends after the click that added it, or fails later.
customDomainSyncItem.item.watch(() => void draw());
// The worker's daily schedule refresh: a new schedule or a failed refresh shows without a reload.
scheduleRefreshItem.item.watch(() => void draw());
// An import, an export's source or a reset from another options tab: redraw so "In use" stays true.
teamPlaybookItem.watch(() => void draw());
