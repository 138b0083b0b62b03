/** The STAR form's required fields, checked in the dialog and again in the worker. */
import type { StarForm } from './types';

/** Required fields, with what to fix; empty when the form can be sent. */
export function formProblems(form: StarForm): Partial<Record<keyof StarForm, string>> {
  const problems: Partial<Record<keyof StarForm, string>> = {};
  if (!form.reason.trim()) problems.reason = 'Say why the ticket needs attention.';
  if (!form.desiredResult.trim()) problems.desiredResult = 'Say what result you want from the STAR.';
  if (form.reason.length > 2000) problems.reason = 'Keep the reason under 2,000 characters.';
  if (form.desiredResult.length > 2000) problems.desiredResult = 'Keep the desired result under 2,000 characters.';
  return problems;
}
