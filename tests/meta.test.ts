import { existsSync, readdirSync } from 'node:fs';
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

  it.each(featureFiles)('%s has its own test file and a description', (id) => {
    expect(existsSync(path.resolve(__dirname, 'dom/features', `${id}.test.ts`))).toBe(true);
    expect(FEATURES.find((f) => f.id === id)?.description.length).toBeGreaterThan(20);
  });
});
