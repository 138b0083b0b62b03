// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PlaybookSection, type PlaybookSectionProps } from '@/components/OptionsApp';
import { DEFAULT_PLAYBOOK } from '@/lib/guidance/default-playbook';
import { previewImport } from '@/lib/guidance-ui/playbook-import';
import { renderRoot } from '../support/render-root';

const NOW = Date.parse('2026-11-17T18:00:00Z');
const VALID = `version: 1
name: Team
rules:
  - id: self-managed-logs
    detection: Tagged self_managed.
    when: { tags: { any: [self_managed] } }
    cards: [ask-for-logs]
cards:
  - id: ask-for-logs
    title: Ask for the logs
    importance: 400
    why: Logs solve self-managed problems.
    handbook: { page: Team handbook, section: Logs, url: https://example.com/logs }
`;
const INVALID = VALID.replace('when: { tags: { any: [self_managed] } }', 'when: { tags: { some: [self_managed] } }');

const root = renderRoot();

function show(over: Partial<PlaybookSectionProps> = {}) {
  const props: PlaybookSectionProps = {
    status: { mode: 'default', name: DEFAULT_PLAYBOOK.name, fileName: null, importedAt: null, problem: null },
    onParse: vi.fn((request) => previewImport(request, { mode: 'default' }, DEFAULT_PLAYBOOK, NOW)),
    onApply: vi.fn(async () => null),
    onExport: vi.fn(),
    onReset: vi.fn(async () => undefined),
    ...over,
  };
  act(() => render(<PlaybookSection {...props} />, root));
  return props;
}
const text = () => root.textContent ?? '';
const byLabel = <T extends HTMLElement>(label: string): T => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent?.trim().startsWith(label));
  const id = l?.getAttribute('for');
  const el = id ? root.querySelector<T>(`#${id}`) : l?.querySelector<T>('input');
  if (!el) throw new Error(`no field labelled "${label}"`);
  return el;
};
const button = (name: string) => {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
};
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

async function paste(value: string): Promise<void> {
  const area = byLabel<HTMLTextAreaElement>('Or paste the playbook');
  area.value = value;
  await act(() => void area.dispatchEvent(new Event('input', { bubbles: true })));
}

async function parse(): Promise<void> {
  await act(() => void button('Parse').click());
  await settle();
}

describe('the guidance playbook section', () => {
  it('says which playbook is in use, and why a saved one was ignored', () => {
    show({ status: { mode: 'default', name: DEFAULT_PLAYBOOK.name, fileName: null, importedAt: null, problem: 'The saved team playbook "old.yaml" is no longer valid' } });
    expect(root.querySelector('[data-playbook-status]')?.textContent).toContain(`In use: ${DEFAULT_PLAYBOOK.name} (the default playbook)`);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('"old.yaml" is no longer valid');
    // Reset is offered to clear the broken value.
    expect(button('Reset to default').disabled).toBe(false);
  });

  it('has labelled fields for the file, the text, the format and the mode', () => {
    show();
    expect(byLabel<HTMLInputElement>('Playbook file').getAttribute('accept')).toContain('.json,.yaml,.yml');
    expect(byLabel('Or paste the playbook').tagName).toBe('TEXTAREA');
    expect(byLabel('Format').tagName).toBe('SELECT');
    expect(byLabel<HTMLInputElement>('Extend the default playbook').checked).toBe(true);
    expect(byLabel<HTMLInputElement>('Replace the default playbook').checked).toBe(false);
  });

  it('lists errors with their line and field, focusable, and saves nothing', async () => {
    const props = show();
    await paste(INVALID);
    await parse();
    const items = [...root.querySelectorAll('.playbook-errors li')];
    expect(items.map((li) => li.textContent)).toEqual([
      'Line 6, rules.0.when.tags: unknown field "some"',
      'Line 6, rules.0.when.tags: give at least one of any, all, none',
    ]);
    expect(items[0]?.getAttribute('data-line')).toBe('6');
    expect(document.activeElement?.id).toBe('playbook-errors-title');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Not imported: the playbook in use is unchanged.');
    expect(byLabel('Or paste the playbook').getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('.playbook-preview')).toBeNull();
    expect(props.onApply).not.toHaveBeenCalled();
    // The line is a button that takes the cursor to it in the text.
    const area = byLabel<HTMLTextAreaElement>('Or paste the playbook');
    await act(() => void items[0]!.querySelector('button')!.click());
    expect(document.activeElement).toBe(area);
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('    when: { tags: { some: [self_managed] } }');
  });

  it('previews a valid file (mode, added rules and cards) and applies it only on Apply', async () => {
    const props = show();
    await paste(VALID);
    await parse();
    expect(props.onParse).toHaveBeenCalledWith({ text: VALID, format: 'yaml', mode: 'extend', fileName: '' });
    const preview = root.querySelector('[data-playbook-preview]')?.textContent ?? '';
    expect(preview).toContain('Extend the default playbook');
    expect(preview).toContain('Rules added: self-managed-logs');
    expect(preview).toContain('Cards added: ask-for-logs');
    expect(preview).not.toContain('removed');
    expect(props.onApply).not.toHaveBeenCalled();
    await act(() => void button('Apply').click());
    await settle();
    expect(props.onApply).toHaveBeenCalledTimes(1);
    expect(vi.mocked(props.onApply).mock.calls[0]?.[0].team.mode).toBe('extend');
    expect(root.querySelector('.playbook-preview')).toBeNull();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Applied.');
  });

  it('previews a replacement as removing the default rules, and Cancel keeps everything', async () => {
    const props = show();
    await act(() => void byLabel<HTMLInputElement>('Replace the default playbook').click());
    await paste(VALID);
    await parse();
    const preview = root.querySelector('[data-playbook-preview]')?.textContent ?? '';
    expect(preview).toContain('Replace the default playbook with "Team"');
    expect(preview).toContain(`Rules removed: ${DEFAULT_PLAYBOOK.rules[0]!.id}`);
    await act(() => void button('Cancel').click());
    expect(root.querySelector('.playbook-preview')).toBeNull();
    expect(props.onApply).not.toHaveBeenCalled();
    expect(text()).toContain('Cancelled. Nothing changed.');
  });

  it('says when an extension overrides a default card by id', async () => {
    show();
    const card = DEFAULT_PLAYBOOK.cards.find((c) => c.id === 'twitter')!;
    const team = { version: 1, name: 'Team', rules: [], cards: [{ ...card, title: 'Ours' }] };
    await act(() => void (byLabel<HTMLSelectElement>('Format').value = 'json'));
    await act(() => void byLabel<HTMLSelectElement>('Format').dispatchEvent(new Event('change', { bubbles: true })));
    await paste(JSON.stringify(team, null, 2));
    await parse();
    expect(root.querySelector('[data-playbook-preview]')?.textContent).toContain("The team's version wins where an id is also in the default playbook: card twitter.");
  });

  it('exports in either format and resets to the default', async () => {
    const props = show({ status: { mode: 'extend', name: 'Default + Team', fileName: 'team.yaml', importedAt: NOW, problem: null } });
    expect(root.querySelector('[data-playbook-status]')?.textContent).toContain('extending the default, from team.yaml');
    await act(() => void button('Export as YAML').click());
    await act(() => void button('Export as JSON').click());
    expect(vi.mocked(props.onExport).mock.calls).toEqual([['yaml'], ['json']]);
    await act(() => void button('Reset to default').click());
    await settle();
    expect(props.onReset).toHaveBeenCalledTimes(1);
    expect(text()).toContain('Reset. Open Zendesk tabs use the default playbook now.');
  });
});
