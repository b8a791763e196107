/**
 * What a UI scenario gets: one fresh browser page on a real VS Code window (code-server) opened on its
 * own copy of the fixture workspace, plus helpers for the parts of the workbench we drive.
 * Selectors are the ones proven in docs/real-vscode-testing.md (VS Code 1.100.3).
 */
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

export interface Scenario {
  name: string;
  /** ms for the whole scenario, workbench start-up excluded; default 60 s */
  timeout?: number;
  /** folder copied as this scenario's workspace; default test/vscode/fixtures/workspace */
  workspace?: string;
  /**
   * Put the copy outside the temp folder, as its own git repository (under $BLAST_RADIUS_E2E_WORKSPACES,
   * default /var/lib/blast-radius-e2e; not ~/.cache, which the rules treat as a regenerable cache): the rules
   * treat folders under /tmp as disposable, so a scenario that needs a delete in the workspace to pause asks
   * for this. Still a fresh mkdtemp folder, removed after a passing run.
   */
  outsideTmp?: boolean;
  run(h: Harness): Promise<void>;
}

export interface Harness {
  page: Page;
  /** absolute path of this scenario's copy of test/vscode/fixtures/workspace */
  workspace: string;
  /** absolute path of the installed extension's dist/cli.js: spawn `node <cliPath> hook claude` like an agent */
  cliPath: string;
  /** environment of the code-server process (the extension host inherits it); use it for spawned CLIs */
  env: NodeJS.ProcessEnv;
  /** BLAST_RADIUS_TEST_LOG_DIR: a folder the extension may write test-visible logs to */
  logDir: string;
  /** runs a command from the command palette by its title, e.g. 'Terminal: Create New Terminal' */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file through Go to File and waits for its tab. */
  openFile(name: string): Promise<void>;
  /** Text of the Problems panel (shown if needed); Monaco's non-breaking spaces as spaces. */
  problemsText(): Promise<string>;
  /** waits for a modal dialog (window.dialogStyle=custom) and returns it */
  waitForModal(timeout?: number): Promise<Locator>;
  /** message + detail of the open modal */
  modalText(): Promise<string>;
  /** clicks a modal button by its label; VS Code adds 'Cancel' itself */
  clickModalButton(name: string | RegExp): Promise<void>;
  /** opens a new integrated terminal and waits for the shell prompt */
  openTerminal(): Promise<void>;
  /** types into the active terminal and presses Enter unless enter=false */
  typeInTerminal(text: string, opts?: { enter?: boolean }): Promise<void>;
  /** visible text of the active terminal */
  terminalText(): Promise<string>;
  /** the document inside a webview (two nested iframes); outer iframe selector to tell several apart */
  webview(viewSelector?: string): FrameLocator;
  statusBarItem(text: string | RegExp): Locator;
  /** shows an output channel (e.g. 'Blast Radius') and returns its visible text */
  outputText(channel: string): Promise<string>;
  /** saves a PNG under the run's shots/ folder and returns its path */
  screenshot(name: string): Promise<string>;
  /** polls fn until it returns a truthy value and returns that value */
  waitFor<T>(fn: () => T | Promise<T>, timeout?: number, what?: string): Promise<NonNullable<T>>;
}

export interface HarnessContext {
  page: Page;
  workspace: string;
  cliPath: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  shotsDir: string;
  /** file-name prefix for screenshots */
  slug: string;
}

const TERMINAL = '.terminal-wrapper.active';
const MODAL = '.monaco-dialog-box';

export async function waitFor<T>(fn: () => T | Promise<T>, timeout = 30_000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function createHarness(c: HarnessContext): Harness {
  const { page } = c;

  async function runCommand(title: string): Promise<void> {
    // The palette sometimes opens before every command is listed (a busy workbench shows only "similar
    // commands"), or a key press lands while a hover or menu still holds the focus: close it and ask again
    // rather than fail on the first try. The error names the command and what the palette listed instead.
    const attempts = 4;
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      const opened = await input.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
      if (opened) {
        await input.fill('>' + title);
        // The list filters asynchronously: wait until a row shows the exact title before pressing Enter.
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        if (await row.waitFor({ timeout: attempt < attempts ? 10_000 : 30_000 }).then(() => true, () => false)) break;
      }
      if (attempt >= attempts) {
        const listed = opened ? await page.locator('.quick-input-list .monaco-list-row').allInnerTexts() : [];
        throw new Error(`the command palette never offered "${title}" (${attempts} tries; ${opened ? `listed: ${listed.join(' | ').replace(/\s+/g, ' ').slice(0, 300) || 'nothing'}` : 'it did not open'})`);
      }
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('Enter');
  }

  async function waitForModal(timeout = 30_000): Promise<Locator> {
    const dialog = page.locator(MODAL);
    await dialog.waitFor({ state: 'visible', timeout });
    return dialog;
  }

  async function openFile(name: string): Promise<void> {
    await runCommand('Go to File...');
    await page.keyboard.type(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  }

  async function problemsText(): Promise<string> {
    const panel = page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await runCommand('Problems: Focus on Problems View');
      await panel.waitFor();
    }
    return (await panel.innerText()).replace(/\u00a0/g, ' ');
  }

  return {
    openFile,
    problemsText,
    page,
    workspace: c.workspace,
    cliPath: c.cliPath,
    env: c.env,
    logDir: c.logDir,
    runCommand,
    waitForModal,
    async modalText() {
      // A message containing '\n' lands in .dialog-message-detail, so read the whole container.
      return (await waitForModal()).locator('.dialog-message-container').innerText();
    },
    async clickModalButton(name) {
      const dialog = await waitForModal();
      await dialog.getByRole('button', { name }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
    async openTerminal() {
      await runCommand('Terminal: Create New Terminal');
      await page.locator(`${TERMINAL} .xterm`).waitFor({ timeout: 30_000 });
      // Keys typed before the prompt appears are echoed early, so wait for it.
      await page.locator(`${TERMINAL} .xterm-rows`, { hasText: /[#$]/ }).waitFor({ timeout: 30_000 });
    },
    async typeInTerminal(text, opts = {}) {
      await page.locator(`${TERMINAL} .xterm-helper-textarea`).focus();
      await page.keyboard.type(text, { delay: 10 });
      if (opts.enter !== false) await page.keyboard.press('Enter');
    },
    async terminalText() {
      return page.locator(`${TERMINAL} .xterm-rows`).innerText();
    },
    webview(viewSelector = 'iframe.webview.ready') {
      return page.locator(viewSelector).first().contentFrame().locator('iframe#active-frame').contentFrame();
    },
    statusBarItem(text) {
      return page.locator('.part.statusbar .statusbar-item', { hasText: text });
    },
    async outputText(channel) {
      await runCommand('Output: Show Output Channels...');
      await page.locator('.quick-input-widget input').fill(channel);
      const row = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: channel }).first();
      // The picker lists the channels that exist when it opens: a missing channel reads as empty text.
      if (!(await row.waitFor({ timeout: 3000 }).then(() => true, () => false))) {
        await page.keyboard.press('Escape');
        return '';
      }
      await row.click();
      const lines = page.locator('.part.panel .output-view .monaco-editor .view-lines');
      await lines.waitFor();
      // Monaco renders spaces as U+00A0.
      return (await lines.innerText()).replace(/\u00a0/g, ' ');
    },
    async screenshot(name) {
      const file = path.join(c.shotsDir, `${c.slug}-${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    waitFor,
  };
}
