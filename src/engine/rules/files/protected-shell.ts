import * as fs from 'node:fs';
import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { importantFile } from '../fs/_important';
import { classifyFile, type Protection } from './_classify';
import { fileWrites, type FileWrite, type WriteHow } from './_writes';

const VERB: Record<WriteHow, string> = {
  delete: 'Deletes',
  'move-away': 'Moves away',
  overwrite: 'Replaces',
  append: 'Appends to',
  'in-place': 'Edits in place',
  truncate: 'Empties',
  restore: 'Discards the uncommitted changes of',
};

/** True / false when the file's existence is known; undefined when the path is not. */
function exists(p: Protection | undefined): boolean | undefined {
  if (!p || !p.abs) return undefined;
  try {
    return fs.existsSync(p.abs);
  } catch {
    return undefined;
  }
}

/** The decision for one write to a protected file (see the table in _classify.ts); undefined = no pause. */
function decide(p: Protection, w: FileWrite): Decision | undefined {
  switch (p.cls) {
    case 'guard':
      return undefined; // files/tamper-shell
    case 'production-env':
      return w.how === 'delete' ? 'block' : 'ask';
    case 'production':
    case 'team':
      return 'ask';
    case 'secret':
    case 'state':
      // Writing a new key or certificate (`openssl … -keyout key.pem`) loses nothing; replacing one does.
      if (w.how === 'overwrite') {
        const e = exists(p);
        return e === false ? undefined : e === true ? 'block' : 'ask';
      }
      return 'block';
    case 'local-env':
      // Edits and appends are the developer's own; replacing an existing one (`cp .env.example .env`) loses secrets.
      if (w.how === 'overwrite' || w.how === 'restore') return exists(p) === false ? undefined : 'ask';
      return w.how === 'delete' || w.how === 'truncate' ? 'ask' : undefined;
  }
}

export default defineCommandRule({
  meta: {
    id: 'files/protected-shell',
    decision: 'ask',
    severity: 'high',
    description:
      'A shell command deletes, moves, replaces, empties or edits a protected file (`rm`, `mv`, `cp`, `sed -i`, `>`/`>>`, `tee`, ' +
      '`truncate`, `git checkout -- f`, PowerShell `Set-Content`…): production env files and configuration, keys and credentials, ' +
      "infrastructure state, and your team's `protect` globs. Wipes of env files, state and databases are judged by the fs rules.",
    message: '{{verb}} {{target}} ({{what}}) with {{tool}}',
    safer: 'Let the person change {{target}}, or write the change to a new file for review. In the editor, Blast Radius keeps snapshots of protected files.',
  },
  check(cmd, ctx) {
    const cwd = cmd.cwd ?? ctx.cwd;
    const o = { cwd, workspaceRoot: ctx.workspaceRoot, home: ctx.home, protect: ctx.protect };
    const seen = new Set<string>();
    for (const w of fileWrites(cmd)) {
      const p = classifyFile(w.path, o);
      if (!p) continue;
      // The fs pack judges wiping, deleting and moving over important files; one report per change.
      if (w.fs && importantFile(w.path, cwd, ctx)) continue;
      const decision = decide(p, w);
      if (!decision || seen.has(`${p.abs}\0${w.how}`)) continue;
      seen.add(`${p.abs}\0${w.how}`);
      ctx.report({
        target: p.shown,
        decision,
        severity: decision === 'block' ? 'critical' : 'high',
        data: { verb: VERB[w.how], what: p.what, tool: w.tool },
        signals: cmd.remote ? [`runs on ${cmd.remote}`] : undefined,
      });
    }
  },
  tests: {
    pause: [
      'rm config/production.yml',
      "sed -i 's/x/y/' .env.production",
      'sed -i.bak -e "s/replicas: 3/replicas: 0/" k8s/production/deployment.yaml',
      'cp .env.example .env.production',
      'echo "FEATURE_X=1" >> .env.production',
      'git checkout -- .env.production',
      'git restore config/production.yml',
      '> config/production.yml',
      'truncate -s 0 charts/api/values-prod.yaml',
      'echo "replicas: 0" | tee k8s/production/replicas.yaml',
      'yq -i ".spec.replicas = 0" overlays/prod/deployment.yaml',
      "perl -pi -e 's/true/false/' infra/terraform/envs/prod/main.tf",
      'mv fly.toml fly.toml.old',
      'cp vercel.new.json vercel.json',
      'rm .github/workflows/deploy.yml',
      'git rm .github/workflows/deploy-prod.yml',
      { input: 'rm certs/server.key', decision: 'block' },
      { input: 'sed -i "s/serial/x/" infra/terraform.tfstate', decision: 'block' },
      { input: 'rm -f config/master.key', decision: 'block' },
      { input: 'cp new.json "$KEYS_DIR/credentials.json"', note: 'not resolvable: could be an existing key', decision: 'ask' },
      'Set-Content -Path config/production.yml -Value "x"',
    ],
    pass: [
      'rm src/old.ts',
      "sed -i 's/foo/bar/' src/app.ts",
      'echo "DEBUG=1" >> .env.local',
      "sed -i 's/A=1/A=2/' .env.development",
      'cp -n .env.example .env.production',
      'cat .env.production.example',
      'git checkout -- src/app.ts',
      'git rm --cached .env.production',
      'mv k8s/staging/a.yaml k8s/staging/b.yaml',
      'rm -rf node_modules',
      'openssl req -x509 -newkey rsa:2048 -nodes -keyout certs/dev-key.pem -out certs/dev-cert.pem -subj /CN=localhost',
      'grep -r replicas k8s/production',
      'git diff --stat -- .env.production',
      'ls -la config/production',
    ],
  },
});
