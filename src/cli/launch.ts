/**
 * The `blast-radius` entry point (dist/cli.js): runs the CLI bundle (dist/cli-main.js) from V8's code cache.
 *
 * Every agent command waits for a hook process, and compiling the 0.9 MB bundle was the largest part of its start-up
 * (about 25 ms of 45 over a bare `node`). The compiled code is kept per user in ~/.blast-radius/cache, keyed by the
 * bundle's size and time and by the Node version; V8 checks the data itself and recompiles when it does not fit.
 * Node 22's module.enableCompileCache does this natively; VS Code's supported range still includes Node 20. The
 * v8-compile-cache package saves only what is compiled before the code runs and rewrites its file on every run.
 * Any problem with the cache falls back to a plain require: the cache can make a decision faster, never different.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';

const bundle = path.join(__dirname, 'cli-main.js');

function cacheDir(): string {
  return process.env.BLAST_RADIUS_CACHE_DIR || path.join(os.homedir(), '.blast-radius', 'cache');
}

/** Runs the bundle as a CommonJS module; returns false when it could not be loaded from source here. */
function runCached(): boolean {
  let source: string;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(bundle);
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    return false;
  }
  const name = `cli-${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8`;
  const file = path.join(cacheDir(), name);
  let cached: Buffer | undefined;
  try {
    cached = verified(fs.readFileSync(file));
  } catch {
    cached = undefined;
  }
  let script: vm.Script;
  try {
    script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), { filename: bundle, cachedData: cached });
  } catch {
    return false;
  }
  if (cached === undefined || script.cachedDataRejected) {
    // Written at exit, so the functions the run compiled lazily are in it too.
    process.once('exit', () => saveCache(script, file, name));
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  const req = Module.createRequire(bundle);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, bundle, __dirname);
  (mod.exports as { run(): void }).run();
  return true;
}

/**
 * Release builds of V8 check a code cache's header, not its contents, and a damaged payload could crash the
 * process: a crashed hook lets the agent's action through. So the file starts with a SHA-1 of the data, checked
 * before V8 sees it (about 1 ms).
 */
function digest(data: Buffer): Buffer {
  return crypto.createHash('sha1').update(data).digest();
}

function verified(file: Buffer): Buffer | undefined {
  if (file.length <= 20) return undefined;
  const data = file.subarray(20);
  return digest(data).equals(file.subarray(0, 20)) ? data : undefined;
}

function saveCache(script: vm.Script, file: string, name: string): void {
  try {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    const data = script.createCachedData();
    fs.writeFileSync(tmp, Buffer.concat([digest(data), data]), { mode: 0o600 });
    fs.renameSync(tmp, file);
    // Older bundles' and Node versions' caches are of no more use.
    for (const f of fs.readdirSync(dir)) if (/^cli-.*\.v8$/.test(f) && f !== name) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // A read-only or full home: the next run compiles again.
  }
}

if (!runCached()) (Module.createRequire(bundle)(bundle) as { run(): void }).run();
