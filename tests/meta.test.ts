import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '@/lib/features';

const featureDir = path.resolve(__dirname, '../lib/features');
const featureFiles = readdirSync(featureDir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts')
  .map((f) => f.replace(/\.ts$/, ''));

describe('feature conventions', () => {
  it('registers every feature file, under its file name', () => {
    expect(FEATURES.map((f) => f.id).sort()).toEqual([...featureFiles].sort());
  });

  it.each(featureFiles)('%s has its own test file and says what it does', (id) => {
    expect(existsSync(path.resolve(__dirname, 'dom/features', `${id}.test.ts`))).toBe(true);
    // The doc comment right above `export const <feature>: Feature`.
    const source = readFileSync(path.join(featureDir, `${id}.ts`), 'utf8');
    const doc = /\/\*\*\s*([^]*?)\s*\*\/\s*export const \w+: Feature/.exec(source)?.[1] ?? '';
    expect(doc.length).toBeGreaterThan(20);
  });
});
