/**
 * Draws the Marketplace icon, media/icon.png (128×128), from the SVG below with headless chromium
 * (playwright-core + Debian's chromium; nothing is downloaded). Run after changing the drawing:
 *
 *   node --import tsx scripts/render-icon.ts
 *
 * The drawing: blast rings around a shield holding a pause sign; the shield is the activity bar icon
 * (media/blast-radius.svg) filled in.
 */
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const SIZE = 128;
const OUT = path.resolve(__dirname, '../media/icon.png');

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#232a3b"/><stop offset="1" stop-color="#11141c"/>
    </linearGradient>
    <linearGradient id="shield" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#dfe4ec"/>
    </linearGradient>
  </defs>
  <rect width="128" height="128" rx="26" fill="url(#bg)"/>
  <g fill="none" stroke="#ff7a1a" stroke-width="5">
    <circle cx="64" cy="66" r="55" stroke-opacity="0.22"/>
    <circle cx="64" cy="66" r="44" stroke-opacity="0.42"/>
    <circle cx="64" cy="66" r="33" stroke-opacity="0.7"/>
  </g>
  <path d="M64 26 35 37v21c0 18 12.2 33.4 29 38.5C80.8 91.4 93 76 93 58V37z" fill="url(#shield)" stroke="#11141c" stroke-width="3" stroke-linejoin="round"/>
  <rect x="52" y="47" width="9" height="28" rx="3" fill="#ff6a00"/>
  <rect x="67" y="47" width="9" height="28" rx="3" fill="#ff6a00"/>
</svg>`;

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${SVG}</body></html>`);
    await page.locator('svg').screenshot({ path: OUT, omitBackground: true });
    console.log(`wrote ${OUT}`);
  } finally {
    await browser.close();
  }
}

void main();
