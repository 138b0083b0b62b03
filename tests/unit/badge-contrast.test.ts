import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLA_STATES } from '@/lib/sla/types';

const css = readFileSync(path.resolve(__dirname, '../../components/sla-states.css'), 'utf8');

/** `.state-x { background: #...; color: #...; }` for the light theme, or the dark-theme override. */
function colours(state: string, dark: boolean): { background: string; color: string } {
  const prefix = dark ? '^\\.dark ' : '^';
  const rule = new RegExp(`${prefix}\\.state-${state} \\{([^}]*)\\}`, 'm').exec(css);
  if (!rule) throw new Error(`no ${dark ? 'dark' : 'light'} rule for ${state}`);
  const get = (prop: string) => new RegExp(`(?:^|;|\\s)${prop}: (#[0-9a-f]{6})`).exec(rule[1]!)![1]!;
  return { background: get('background'), color: get('color') };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('badge colours', () => {
  it.each(SLA_STATES.flatMap((s) => [[s, 'light'] as const, [s, 'dark'] as const]))('%s in the %s theme meets WCAG AA (4.5:1)', (state, theme) => {
    const { background, color } = colours(state, theme === 'dark');
    expect(contrast(background, color)).toBeGreaterThanOrEqual(4.5);
  });
});
