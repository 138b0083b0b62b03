/**
 * Renders scripts/icon.svg to the PNGs the manifest lists (public/icon/{16,32,48,128}.png; WXT adds them as
 * `icons`, and the breach notifications use the 128 px one) with the same Chromium the tests use, so no image
 * library is needed. Run after changing the SVG: `tsx scripts/make-icons.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, REPO_ROOT } from './browser';

const SIZES = [16, 32, 48, 128];
const svg = readFileSync(join(REPO_ROOT, 'scripts', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    const file = join(REPO_ROOT, 'public', 'icon', `${size}.png`);
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
    console.log(file);
  }
} finally {
  await browser.close();
}
