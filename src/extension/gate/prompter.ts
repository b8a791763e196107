/**
 * The pause prompt: one modal at a time, in arrival order. Each prompt ends with the person's answer, with
 * Deny when `blastRadius.promptTimeoutSeconds` passes (never later than shortly before the hook stops
 * waiting), or when the hook gives up (its AbortSignal).
 *
 * VS Code has no API to close a modal from an extension. A prompt that ends without an answer is
 * therefore answered (Deny) and left behind: the queue moves on, and a click on the stale modal only
 * tells the person it came too late. The workbench itself shows one modal at a time, so the next prompt
 * appears once the stale one is closed; its deadline is written in its text.
 */
import * as vscode from 'vscode';
import type { ChannelRequest } from '../../channel/protocol';
import type { FileAction } from '../../engine/types';
import { promptDeadline } from '../../prompt/policy';
import { agentLabel, buildPrompt, plain, proposedContent } from '../../prompt/text';
import type { ProposedContent } from './proposed';

export type PromptOutcome = 'allow-once' | 'allow-session' | 'deny' | 'dismissed' | 'timeout' | 'aborted' | 'session-rule' | 'error';

export interface PromptAnswer {
  outcome: PromptOutcome;
  answeredAt: number;
  /** For timeouts: the seconds the prompt waited. */
  waitedSeconds?: number;
  error?: string;
}

export interface PrompterOptions {
  proposed: ProposedContent;
  log: vscode.LogOutputChannel;
  /** The prompt timeout for this request (setting, else the rule files), read for each prompt. */
  timeoutSeconds(req: ChannelRequest): number | undefined;
  /** True when an earlier answer ("Allow for this session") now covers this action. */
  sessionAllows(key: string): boolean;
}

interface Item {
  req: ChannelRequest;
  key: string;
  arrivedAt: number;
  signal: AbortSignal;
  done: boolean;
  finished: Promise<void>;
  finish(answer: PromptAnswer): void;
}

const ALLOW_ONCE: vscode.MessageItem = { title: 'Allow Once' };
const ALLOW_SESSION: vscode.MessageItem = { title: 'Allow for This Session' };
/**
 * First, so it is the primary button that Enter presses: a reflexive Enter must not let a destructive action
 * through. VS Code then adds its own Cancel; Cancel, Escape and the close button count as Deny too.
 */
const DENY: vscode.MessageItem = { title: 'Deny' };
const SHOW_DIFF: vscode.MessageItem = { title: 'Show Diff' };

export class Prompter implements vscode.Disposable {
  private readonly queue: Item[] = [];
  private active = false;
  private disposed = false;
  private readonly pending = new Set<Item>();

  constructor(private readonly options: PrompterOptions) {}

  /** Queues a prompt for `req`; resolves with how it ended. */
  ask(req: ChannelRequest, key: string, signal: AbortSignal, arrivedAt = Date.now()): Promise<PromptAnswer> {
    return new Promise<PromptAnswer>((resolve) => {
      let finishFn!: () => void;
      const finished = new Promise<void>((r) => { finishFn = r; });
      const item: Item = {
        req, key, arrivedAt, signal, done: false, finished,
        finish: (answer) => {
          if (item.done) return;
          item.done = true;
          clearTimeout(queuedTimer);
          this.pending.delete(item);
          finishFn();
          resolve(answer);
        },
      };
      this.pending.add(item);
      // While queued behind other prompts, the hook's own wait still runs out.
      const hookDeadline = promptDeadline({ arrivedAt, shownAt: arrivedAt, timeoutSeconds: Number.MAX_SAFE_INTEGER, waitMs: req.waitMs });
      const queuedTimer = setTimeout(() => item.finish(this.timeoutAnswer(item)), Math.max(0, Math.min(hookDeadline - Date.now(), 2 ** 31 - 1)));
      if (signal.aborted) item.finish({ outcome: 'aborted', answeredAt: Date.now() });
      else signal.addEventListener('abort', () => item.finish({ outcome: 'aborted', answeredAt: Date.now() }), { once: true });
      if (this.disposed) item.finish({ outcome: 'error', answeredAt: Date.now(), error: 'the window is closing' });
      if (!item.done) {
        this.queue.push(item);
        void this.pump();
      }
    });
  }

  /** Prompts waiting or open now. */
  get size(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const item of [...this.pending]) item.finish({ outcome: 'error', answeredAt: Date.now(), error: 'the window is closing' });
    this.queue.length = 0;
  }

  private timeoutAnswer(item: Item): PromptAnswer {
    return { outcome: 'timeout', answeredAt: Date.now(), waitedSeconds: Math.round((Date.now() - item.arrivedAt) / 1000) };
  }

  private async pump(): Promise<void> {
    if (this.active) return;
    this.active = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        if (item.done) continue;
        try {
          await this.show(item);
        } catch (e) {
          this.options.log.error(`Blast Radius prompt failed: ${String(e)}`);
          item.finish({ outcome: 'error', answeredAt: Date.now(), error: String(e) });
        }
      }
    } finally {
      this.active = false;
    }
  }

  /** Shows one prompt; returns as soon as the item has its answer (a stale modal may stay open). */
  private async show(item: Item): Promise<void> {
    if (this.options.sessionAllows(item.key)) {
      item.finish({ outcome: 'session-rule', answeredAt: Date.now() });
      return;
    }
    const shownAt = Date.now();
    const deadline = promptDeadline({ arrivedAt: item.arrivedAt, shownAt, timeoutSeconds: this.options.timeoutSeconds(item.req), waitMs: item.req.waitMs });
    if (deadline <= shownAt) {
      item.finish(this.timeoutAnswer(item));
      return;
    }
    const timer = setTimeout(() => item.finish(this.timeoutAnswer(item)), deadline - shownAt);
    item.finished.then(() => clearTimeout(timer), () => clearTimeout(timer));

    const file = item.req.action.kind === 'file' && proposedContent(item.req.action) ? (item.req.action as FileAction) : undefined;
    const text = buildPrompt(item.req, { deadline, canShowDiff: !!file });
    const buttons = file ? [DENY, ALLOW_ONCE, ALLOW_SESSION, SHOW_DIFF] : [DENY, ALLOW_ONCE, ALLOW_SESSION];
    for (;;) {
      const modal = vscode.window.showWarningMessage(text.message, { modal: true, detail: text.detail }, ...buttons);
      const choice = await Promise.race([modal, item.finished.then(() => 'stale' as const)]);
      if (choice === 'stale' || item.done) {
        this.lateAnswer(item, modal);
        return;
      }
      if (choice === SHOW_DIFF && file) {
        await this.options.proposed.showDiff(item.req.id, file, agentLabel(item.req.agent)).catch((e: unknown) => this.options.log.warn(`Show Diff failed: ${String(e)}`));
        // A modal would cover the diff: ask in a notification beside it. Closing it brings the modal back.
        const note = vscode.window.showWarningMessage(plain(`${text.message} (No answer by ${new Date(deadline).toTimeString().slice(0, 8)} counts as Deny.)`), DENY, ALLOW_ONCE, ALLOW_SESSION);
        const second = await Promise.race([note, item.finished.then(() => 'stale' as const)]);
        if (second === 'stale' || item.done) {
          this.lateAnswer(item, note);
          return;
        }
        if (second === undefined) continue;
        item.finish(this.answerFor(second));
        return;
      }
      item.finish(this.answerFor(choice));
      return;
    }
  }

  private answerFor(choice: vscode.MessageItem | undefined): PromptAnswer {
    const answeredAt = Date.now();
    if (choice === ALLOW_ONCE) return { outcome: 'allow-once', answeredAt };
    if (choice === ALLOW_SESSION) return { outcome: 'allow-session', answeredAt };
    if (choice === DENY) return { outcome: 'deny', answeredAt };
    return { outcome: 'dismissed', answeredAt };
  }

  /** A click on a prompt that already ended: say so, change nothing. */
  private lateAnswer(item: Item, pending: Thenable<vscode.MessageItem | undefined>): void {
    pending.then((choice) => {
      if (choice === ALLOW_ONCE || choice === ALLOW_SESSION) {
        void vscode.window.showInformationMessage(plain(
          `Too late: ${agentLabel(item.req.agent)} had already been told no for "${item.req.payloadSummary}" (no answer in time, or the agent stopped waiting). Ask it to try again if you want it to run.`,
        ));
      }
    }, () => undefined);
  }
}
