/** Shared by the schema (validation) and the engine (evaluation) without either pulling in the other. */

/** Playbook patterns are case-insensitive JavaScript regular expressions, written without slashes. */
export const PATTERN_FLAGS = 'i';

/** The requester's email domain, lowercase; null without an address. */
export function emailDomain(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return at < 0 ? null : email.slice(at + 1).toLowerCase();
}
