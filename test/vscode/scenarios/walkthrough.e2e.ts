/**
 * The first-run walkthrough (contributes.walkthroughs in package.json) opens from the installed .vsix with its
 * four steps, and each step's media (an SVG and three markdown files under media/walkthrough/) renders.
 */
import * as assert from 'node:assert/strict';
import type { Scenario } from '../harness';

const STEPS = ['What Blast Radius does', 'Protect your agents', 'Write a team rule file', 'Open the activity log'];

export default {
  name: 'walkthrough: Get Started with Blast Radius opens with its steps',
  async run(h) {
    await h.runCommand('Welcome: Open Walkthrough...');
    await h.page.locator('.quick-input-widget input').fill('Blast Radius');
    await h.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Blast Radius' }).first().waitFor();
    await h.page.keyboard.press('Enter');
    const page = h.page.locator('.gettingStartedContainer');
    await page.locator('h2', { hasText: 'Get Started with Blast Radius' }).first().waitFor({ timeout: 20_000 });
    for (const title of STEPS) await page.locator('.getting-started-step', { hasText: title }).first().waitFor();

    // The first step's SVG is inlined into a webview with the theme's colours.
    await page.locator('.getting-started-step', { hasText: STEPS[0]! }).first().click();
    await h.waitFor(async () => (await h.webview('.getting-started-media iframe.webview.ready').locator('svg text', { hasText: 'Blast Radius' }).count()) > 0,
      20_000, 'the how-it-works SVG');
    await h.screenshot('step-1');

    // Markdown media render in a webview; the Protect step's table names Claude Code's file.
    await page.locator('.getting-started-step', { hasText: 'Protect your agents' }).first().click();
    await h.waitFor(async () => {
      const text = await h.webview('.getting-started-media iframe.webview.ready').locator('body').innerText().catch(() => '');
      return text.includes('.claude/settings.local.json');
    }, 20_000, 'the Protect step markdown');
    const button = page.locator('.getting-started-step.expanded a.button-link, .getting-started-step.expanded .monaco-button', { hasText: 'Protect This Workspace' });
    assert.ok(await button.count() > 0, 'the Protect step has its button');
    await h.screenshot('step-protect');
  },
} satisfies Scenario;
