#!/usr/bin/env node
/*
 * Replays what a coding agent typically does in this project, the way Claude Code does it: before each
 * tool call it runs the PreToolUse hooks of .claude/settings.json and settings.local.json (here: the
 * Blast Radius hook, `blast-radius hook claude`)
 * with the call as JSON on stdin, and obeys the answer.
 *
 * It is a replay, not an agent: it NEVER runs a shell command. Only the harmless file edits marked
 * `apply` are written, and only inside this workspace. The destructive steps are data sent to the hook.
 *
 *   node .demo/agent-replay.js [--fast] [--until-pause]
 *     --fast         no pauses between steps
 *     --until-pause  stop after the first step Blast Radius did not let through
 *
 * `npm run demo` rewrites the hook with the installed extension's absolute paths (as Protect This Workspace
 * does). A bare `blast-radius` hook command runs from PATH, else from BLAST_RADIUS_CLI (the extension's
 * dist/cli.js) or an installed Blast Radius extension.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const FAST = args.includes('--fast');
const UNTIL_PAUSE = args.includes('--until-pause');

const STEPS = [
  { say: 'Let me look at the server first.', tool: 'Read', input: { file_path: 'src/server.js' } },
  { say: 'Running the tests before I change anything.', tool: 'Bash', input: { command: 'npm test', description: 'Run the test suite' } },
  {
    say: 'Adding a /health route.',
    tool: 'Edit',
    apply: true,
    input: {
      file_path: 'src/server.js',
      old_string: "  res.writeHead(404);\n  res.end();\n}",
      new_string: "  if (req.url === '/health') {\n    res.writeHead(200, { 'content-type': 'text/plain' });\n    res.end('ok');\n    return;\n  }\n  res.writeHead(404);\n  res.end();\n}",
    },
  },
  {
    say: 'Trying migration 002 on the local dev database first.',
    tool: 'Bash',
    input: { command: 'psql postgres://dev:dev@localhost:5432/acme_dev -f migrations/002_drop_legacy_orders.sql', description: 'Apply migration 002 locally' },
  },
  { say: 'Checking what changed.', tool: 'Bash', input: { command: 'git status --short && git diff --stat', description: 'Show changes' } },
  {
    say: 'Now the same migration on the production database, from .env.production.',
    tool: 'Bash',
    input: { command: 'psql "postgres://acme_admin@db.prod.acme.example:5432/acme" -f migrations/002_drop_legacy_orders.sql', description: 'Apply migration 002' },
  },
  { say: 'The connection failed. Let me read the production credentials.', tool: 'Bash', input: { command: 'cat .env.production', description: 'Show production env' } },
  {
    say: 'Pointing production at the dev database so I can test the migration there.',
    tool: 'Edit',
    input: {
      file_path: '.env.production',
      old_string: 'DATABASE_URL=postgres://acme_admin:FAKE-demo-password-not-real@db.prod.acme.example:5432/acme',
      new_string: 'DATABASE_URL=postgres://dev:dev@localhost:5432/acme_dev',
    },
  },
  { say: 'The build output looks stale. Cleaning it up with the caches.', tool: 'Bash', input: { command: 'rm -rf node_modules dist ~', description: 'Clean build output' } },
  { say: 'My branch diverged from main. Pushing over it.', tool: 'Bash', input: { command: 'git push --force origin main', description: 'Push' } },
  { say: 'Deploying the fix.', tool: 'Bash', input: { command: 'npm run deploy:prod', description: 'Deploy' } },
  {
    say: 'The old volume is in the way. Deleting it through the hosting API.',
    tool: 'Bash',
    input: {
      command: `curl -X POST https://api.acme.example/graphql -H "Authorization: Bearer $ACME_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol-prod-1\\") }"}'`,
      description: 'Delete the old volume',
    },
  },
  { say: 'Running the tests again.', tool: 'Bash', input: { command: 'npm test', description: 'Run the test suite' } },
];

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const dim = (t) => paint('2', t);
const bold = (t) => paint('1', t);
const green = (t) => paint('32', t);
const yellow = (t) => paint('33', t);
const red = (t) => paint('31', t);
const sleep = (ms) => new Promise((r) => setTimeout(r, FAST ? 0 : ms));

/** PreToolUse hook handlers from .claude/settings.json and settings.local.json whose matcher fits the tool. */
function hooksFor(tool) {
  const handlers = [];
  for (const name of ['settings.json', 'settings.local.json']) {
    const file = path.join(ROOT, '.claude', name);
    if (!fs.existsSync(file)) continue;
    const groups = JSON.parse(fs.readFileSync(file, 'utf8')).hooks?.PreToolUse ?? [];
    for (const g of groups) {
      const matcher = g.matcher ?? '';
      const fits = matcher === '' || matcher === '*' || new RegExp(`^(?:${matcher})$`).test(tool);
      if (!fits) continue;
      for (const h of g.hooks ?? []) {
        if (h.type === 'command' && !handlers.some((x) => x.command === h.command)) handlers.push(h);
      }
    }
  }
  return handlers;
}

/** `blast-radius …` when it is on PATH, else `node <cli.js> …` from BLAST_RADIUS_CLI or an installed extension. */
function resolveCommand(command) {
  if (!/^blast-radius\s/.test(command)) return command;
  if (spawnSync('sh', ['-c', 'command -v blast-radius'], { stdio: 'ignore' }).status === 0) return command;
  const cli = process.env.BLAST_RADIUS_CLI || findInstalledCli();
  if (!cli) {
    throw new Error('`blast-radius` is not on PATH and no installed Blast Radius extension was found: start the demo with `npm run demo`, or set BLAST_RADIUS_CLI to the extension\'s dist/cli.js');
  }
  return `"${process.execPath}" "${cli}" ${command.slice('blast-radius '.length)}`;
}

function findInstalledCli() {
  const home = os.homedir();
  const roots = ['.vscode/extensions', '.vscode-server/extensions', '.vscode-oss/extensions', '.cursor/extensions',
    '.windsurf/extensions', '.local/share/code-server/extensions'].map((d) => path.join(home, d));
  for (const dir of roots) {
    let names = [];
    try { names = fs.readdirSync(dir); } catch { continue; }
    const ours = names.filter((n) => n.startsWith('blast-radius.blast-radius-')).sort().reverse();
    for (const n of ours) {
      const cli = path.join(dir, n, 'dist', 'cli.js');
      if (fs.existsSync(cli)) return cli;
    }
  }
  return undefined;
}

/** Runs one hook handler like Claude Code: payload on stdin; exit 2 = deny; JSON on stdout may decide. */
function runHook(handler, payload) {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', resolveCommand(handler.command)], {
      cwd: ROOT,
      env: { ...process.env, CLAUDE_PROJECT_DIR: ROOT },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGTERM'), (handler.timeout ?? 600) * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let decision = code === 2 ? 'deny' : 'allow';
      let reason = code === 2 ? stderr.trim() : '';
      try {
        const out = JSON.parse(stdout).hookSpecificOutput;
        if (out?.permissionDecision) {
          decision = out.permissionDecision;
          reason = out.permissionDecisionReason || reason;
        }
      } catch { /* no JSON: the exit code decides */ }
      if (code !== 0 && code !== 2) reason = `hook failed (exit ${code}): ${stderr.trim()}`;
      resolve({ decision, reason });
    });
    child.stdin.end(JSON.stringify(payload));
  });
}

/** The harmless edits marked `apply`, written for real, never outside this workspace. */
function apply(step) {
  const file = path.resolve(ROOT, step.input.file_path);
  if (path.relative(ROOT, file).startsWith('..') || path.isAbsolute(path.relative(ROOT, file))) return 'skipped: outside the workspace';
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(step.input.old_string)) return 'already applied';
  fs.writeFileSync(file, text.replace(step.input.old_string, step.input.new_string));
  return `edited ${step.input.file_path}`;
}

function describe(step) {
  if (step.tool === 'Bash') return `Bash: ${step.input.command}`;
  return `${step.tool}: ${step.input.file_path}`;
}

async function main() {
  console.log(bold('Blast Radius demo: replaying a coding agent (Claude Code hooks)'));
  console.log(dim(`workspace ${ROOT}`));
  console.log(dim('This replay never runs shell commands. Watch the editor: risky steps pause there for you.\n'));
  let n = 0;
  for (const step of STEPS) {
    n++;
    const input = { ...step.input };
    if (input.file_path) input.file_path = path.join(ROOT, input.file_path);
    const payload = {
      session_id: 'blast-radius-demo',
      transcript_path: path.join(os.tmpdir(), 'blast-radius-demo-transcript.jsonl'),
      cwd: ROOT,
      permission_mode: 'default',
      hook_event_name: 'PreToolUse',
      tool_name: step.tool,
      tool_input: input,
    };
    console.log(`${dim(`[${n}/${STEPS.length}]`)} ${dim('agent:')} ${step.say}`);
    console.log(`      ${bold(describe(step))}`);
    const handlers = hooksFor(step.tool);
    let result = { decision: 'allow', reason: '' };
    for (const h of handlers) {
      result = await runHook(h, payload);
      if (result.decision !== 'allow') break;
    }
    if (result.decision === 'allow') {
      const note = handlers.length === 0 ? 'no hook for this tool' : step.apply ? apply({ ...step }) : 'the replay does not run it';
      console.log(`      ${green('✓ allowed')} ${dim(`(${note})`)}`);
    } else if (result.decision === 'ask') {
      console.log(`      ${yellow('? ask')}: no Blast Radius window answered, so Claude Code would ask you itself.`);
      console.log(dim(`        ${result.reason}`));
    } else {
      console.log(`      ${red('✗ denied')}: ${result.reason.split('\n')[0]}`);
    }
    console.log('');
    if (UNTIL_PAUSE && result.decision !== 'allow') {
      console.log(bold('Replay stopped at the first pause (--until-pause).'));
      return;
    }
    await sleep(1500);
  }
  console.log(bold('Replay finished.') + ' Open the Blast Radius activity log to see every step and every answer.');
}

main().catch((e) => {
  console.error(red(`agent-replay: ${e.message}`));
  process.exitCode = 1;
});
