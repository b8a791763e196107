/**
 * Protect and Remove protection exactly as the editor command does, on a throwaway workspace and home:
 * the node check, planProtect + applyChanges, then planTrust + applyTrust (src/protect). Nothing here writes
 * an agent config by hand.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentId, Environment, Scope } from '../../src/protect/agents';
import type { HookProgram } from '../../src/protect/command';
import { applyChanges, checkProgram, planProtect, planRemove, removeEmptyDirs } from '../../src/protect/plan';
import { applyTrust, planTrust, type TrustStep } from '../../src/protect/steps';
import { BIN_DIR, RUN_PATH, type AgentDef, type Mode } from './agents';
import { REPO, assertInside, type Sandbox } from './sandbox';

/**
 * The extension as installed: a copy of dist/ in its own folder (as the editor unpacks it), so a rebuild in
 * the repository during a run cannot pull the CLI away from under a hook.
 */
export function installExtension(root: string): string {
  const dist = path.join(REPO, 'dist');
  if (!fs.existsSync(path.join(dist, 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build first');
  const target = path.join(root, 'extension', 'dist');
  fs.cpSync(dist, target, { recursive: true, filter: (f) => !f.endsWith('.map') });
  return path.join(target, 'cli.js');
}

export function hookProgram(cli: string): HookProgram {
  const check = checkProgram(cli, undefined, { PATH: RUN_PATH });
  if (!check.ok || !check.program) throw new Error(`node check failed: ${check.message}`);
  return check.program;
}

export function environmentFor(def: AgentDef, s: Sandbox, modelUrl: string, mode: Mode): Environment {
  return { home: s.home, env: def.env(s, modelUrl, mode), platform: process.platform };
}

export interface Protection {
  written: string[];
  trust: TrustStep[];
  trustWritten: string[];
  createdDirs: string[];
}

/** `trust: false` writes the hook file only (to prove the trust steps are needed). */
export async function protect(agent: AgentId, s: Sandbox, program: HookProgram, e: Environment, scope: Scope = 'workspace', trust = true): Promise<Protection> {
  const plan = planProtect([agent], s.ws, program, scope, e);
  if (plan.problems.length > 0) throw new Error(`planProtect: ${plan.problems.map((p) => p.message).join('; ')}`);
  for (const c of plan.changes) assertInside(s.root, c.file);
  const applied = applyChanges(plan.changes);
  if (applied.errors.length > 0) throw new Error(`applyChanges: ${applied.errors.map((p) => p.message).join('; ')}`);
  const steps = trust ? planTrust([agent], s.ws, scope, e) : [];
  for (const t of steps) assertInside(s.root, t.file);
  const trusted = await applyTrust(steps, s.ws, e, { codex: path.join(BIN_DIR, 'codex'), codexEnv: e.env });
  if (trusted.errors.length > 0) throw new Error(`applyTrust: ${trusted.errors.map((p) => `${p.file}: ${p.message}`).join('; ')}`);
  return { written: applied.written, trust: steps, trustWritten: trusted.written, createdDirs: applied.createdDirs };
}

/** Remove protection: planRemove + applyChanges, then the folders Protect created. */
export function unprotect(s: Sandbox, p: Protection, e: Environment, scope: Scope = 'workspace'): string[] {
  const plan = planRemove(s.ws, scope, undefined, e);
  if (plan.problems.length > 0) throw new Error(`planRemove: ${plan.problems.map((x) => x.message).join('; ')}`);
  for (const c of plan.changes) assertInside(s.root, c.file);
  const applied = applyChanges(plan.changes);
  if (applied.errors.length > 0) throw new Error(`applyChanges (remove): ${applied.errors.map((x) => x.message).join('; ')}`);
  removeEmptyDirs(p.createdDirs);
  return [...applied.written, ...applied.deleted];
}
