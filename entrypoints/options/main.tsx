/**
 * The options page's imperative shell (wiring only): reads storage, renders the pure `OptionsApp`, validates
 * and saves forms (lib/options/forms.ts), and asks the worker to test a connection.
 */
import { browser } from '#imports';
import { render } from 'preact';
import { OptionsApp, type InstanceRow, type PlaybookSectionProps, type PlaybookStatus } from '@/components/OptionsApp';
import '@/components/Options.css';
import { maskToken } from '@/lib/background/instance-auth';
import { OPTIONS_TEST_AUTH, type TestAuthReply } from '@/lib/background/options-messages';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { exportPlaybook, previewImport } from '@/lib/guidance-ui/playbook-import';
import { effectivePlaybook, readTeamPlaybook, saveTeamPlaybook, teamPlaybookItem, type TeamPlaybookRead } from '@/lib/guidance-ui/storage';
import { alertsFormOf, parseAlertsForm, parseAuthForm } from '@/lib/options/forms';
import { alertSettingsItem, instanceAuthItem, instancesItem } from '@/lib/storage';

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

async function draw(): Promise<void> {
  const [instances, auths, settings, team] = await Promise.all([instancesItem.get(), instanceAuthItem.get(), alertSettingsItem.get(), readTeamPlaybook()]);
  const rows: InstanceRow[] = instances.map(({ origin }) => {
    const auth = auths[origin];
    return auth?.mode === 'token'
      ? { origin, mode: 'token', email: auth.email, tokenMask: maskToken(auth.token) }
      : { origin, mode: 'session', email: '', tokenMask: null };
  });
  render(
    <OptionsApp
      instances={rows}
      alerts={alertsFormOf(settings)}
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
    />,
    document.getElementById('app')!,
  );
}

void draw();
// An import, an export's source or a reset from another options tab: redraw so "In use" stays true.
teamPlaybookItem.watch(() => void draw());
