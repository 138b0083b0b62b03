/**
 * The options page's imperative shell (wiring only): reads storage, renders the pure `OptionsApp`, validates
 * and saves forms (lib/options/forms.ts), and asks the worker to test a connection.
 */
import { browser } from '#imports';
import { render } from 'preact';
import { OptionsApp, type InstanceRow } from '@/components/OptionsApp';
import '@/components/Options.css';
import { maskToken } from '@/lib/background/instance-auth';
import { OPTIONS_TEST_AUTH, type TestAuthReply } from '@/lib/background/options-messages';
import { alertsFormOf, parseAlertsForm, parseAuthForm } from '@/lib/options/forms';
import { alertSettingsItem, instanceAuthItem, instancesItem } from '@/lib/storage';

async function draw(): Promise<void> {
  const [instances, auths, settings] = await Promise.all([instancesItem.get(), instanceAuthItem.get(), alertSettingsItem.get()]);
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
    />,
    document.getElementById('app')!,
  );
}

void draw();
