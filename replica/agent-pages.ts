/**
 * Server-rendered pages outside the SPA: Zendesk's sign-in form. Values are escaped because
 * `return_to` and the email come from the request.
 */
import { escapeHtml } from './model.js';
import { AGENT_PASSWORD } from './seed.js';

export function loginPage(returnTo: string, email: string, error: string | null): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sign in to Zendesk (replica)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: #f8f9f9; color: #2f3941; display: grid; place-items: center; min-height: 100vh; }
  form { background: #fff; border: 1px solid #d8dcde; border-radius: 8px; padding: 32px; width: 320px; box-shadow: 0 4px 16px rgba(0,0,0,.06); }
  h1 { font-size: 20px; margin: 0 0 4px; } p.hint { color: #68737d; margin: 0 0 20px; font-size: 12px; }
  label { display: block; font-weight: 600; margin: 12px 0 4px; }
  input { width: 100%; box-sizing: border-box; padding: 8px 10px; border: 1px solid #c2c8cc; border-radius: 4px; font: inherit; }
  button { margin-top: 20px; width: 100%; padding: 10px; border: 0; border-radius: 4px; background: #1f73b7; color: #fff; font-weight: 600; font: inherit; cursor: pointer; }
  .error { color: #cc3340; margin-top: 12px; }
</style>
</head>
<body>
<form method="post" action="/access/login" data-test-id="replica-login-form">
  <h1>Sign in to Zendesk</h1>
  <p class="hint">Local replica. The seeded agent is prefilled.</p>
  <input type="hidden" name="return_to" value="${escapeHtml(returnTo)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" value="${escapeHtml(email)}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" value="${escapeHtml(AGENT_PASSWORD)}">
  <button type="submit" data-test-id="replica-login-submit">Sign in</button>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
</form>
</body>
</html>`;
}
