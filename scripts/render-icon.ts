// Renders build/icon.svg to build/icon.png (512×512, transparent corners) with Debian's Chromium.
// Run after editing the SVG: npx tsx scripts/render-icon.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const dir = path.join(__dirname, '..', 'build');
const SIZE = 512;

void (async () => {
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync(path.join(dir, 'icon.svg'), 'utf8')}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(dir, 'icon.png'), omitBackground: true });
  await browser.close();
})();
