/**
 * Per-person approvals of rule files that loosen protection: `~/.blast-radius/approved-rules.json` (folder 0700,
 * file 0600), outside every repository, so a repository cannot approve itself. An approval binds a file's absolute
 * path to the sha256 of its exact content: any edit needs a new approval. The editor, the CLI and hooks all read it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ApprovalStore {
  isApproved(file: string, hash: string): boolean;
  approve(file: string, hash: string): void;
}

interface Approval {
  path: string;
  sha256: string;
  approvedAt: string;
}

/** Older approvals of one file are kept (switching branches back and forth), up to this many. */
const KEEP_PER_FILE = 20;

export function approvalsPath(home: string = os.homedir()): string {
  return path.join(home, '.blast-radius', 'approved-rules.json');
}

export class FileApprovalStore implements ApprovalStore {
  private cache: Approval[] | undefined;

  constructor(readonly file: string) {}

  private load(): Approval[] {
    if (this.cache) return this.cache;
    let list: Approval[] = [];
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { approvals?: unknown };
      if (Array.isArray(parsed.approvals)) {
        list = parsed.approvals.filter(
          (a): a is Approval => typeof a === 'object' && a !== null && typeof (a as Approval).path === 'string' && typeof (a as Approval).sha256 === 'string',
        );
      }
    } catch {
      // Missing or unreadable: nothing is approved, which is the safe reading.
    }
    return (this.cache = list);
  }

  isApproved(file: string, hash: string): boolean {
    const abs = path.resolve(file);
    return this.load().some((a) => a.path === abs && a.sha256 === hash);
  }

  approve(file: string, hash: string): void {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a sha256 hash: ${hash}`);
    const abs = path.resolve(file);
    this.cache = undefined;
    const others = this.load().filter((a) => !(a.path === abs && a.sha256 === hash));
    const same = others.filter((a) => a.path === abs);
    const dropped = new Set(same.slice(0, Math.max(0, same.length - (KEEP_PER_FILE - 1))));
    const list = [...others.filter((a) => !dropped.has(a)), { path: abs, sha256: hash, approvedAt: new Date().toISOString() }];
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: 1, approvals: list }, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    if (process.platform !== 'win32') fs.chmodSync(this.file, 0o600);
    this.cache = list;
  }

  /** Forget what was read, so the next question reads the file again (another window or the CLI may have approved). */
  reload(): void {
    this.cache = undefined;
  }
}

/** Approves nothing and remembers nothing: for tests, and for callers that must not touch the person's home. */
export class MemoryApprovalStore implements ApprovalStore {
  private readonly set = new Set<string>();
  isApproved(file: string, hash: string): boolean {
    return this.set.has(`${path.resolve(file)}\0${hash}`);
  }
  approve(file: string, hash: string): void {
    this.set.add(`${path.resolve(file)}\0${hash}`);
  }
}
