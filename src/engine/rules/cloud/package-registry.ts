import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { hasAny, hasDryRun, words } from './_cli';

interface Hit {
  what: string;
  target: string;
  decision: Decision;
  signals: string[];
}

const NPM_VALUE = ['--registry', '--otp', '--tag', '--access', '-w', '--workspace', '--userconfig', '--cache', '--prefix'];

function npmLike(tool: string, args: readonly string[], cwd: string | undefined, home: string): Hit | undefined {
  let w = words(args, NPM_VALUE);
  if (tool === 'yarn' && w[0] === 'npm') w = w.slice(1);
  const sub = w[0];
  const rest = w.slice(1);
  if (sub === 'unpublish') {
    const pkg = rest[0];
    const whole = pkg === undefined || !/@[^/@]*\d[^/@]*$|@[~^]?\d/.test(pkg.replace(/^@[^/]+\//, ''));
    const force = hasAny(args, '--force', '-f');
    return {
      what: whole ? 'unpublishes every version of the package; the name and versions can never be reused, and dependents break' : 'unpublishes the version; that version number can never be published again',
      target: pkg ?? 'the package in this folder',
      decision: whole || force ? 'block' : 'ask',
      signals: [...(force ? ['--force'] : []), ...(whole ? ['no version given: the whole package'] : [])],
    };
  }
  if (sub === 'owner' && /^(rm|remove)$/.test(rest[0] ?? '')) return { what: 'removes a maintainer from the package', target: rest.slice(1).join(' '), decision: 'ask', signals: [] };
  if (sub === 'token' && /^(revoke|rm|delete)$/.test(rest[0] ?? '')) return { what: 'revokes a registry token (CI that uses it breaks)', target: rest[1] ?? 'a token', decision: 'ask', signals: [] };
  if (sub === 'access' && (rest.includes('public') || rest.some((r) => /^status=public$/.test(r)))) return { what: 'makes the package public', target: rest.find((r) => r.includes('/') || r.startsWith('@')) ?? 'the package', decision: 'ask', signals: [] };
  if (sub === 'publish' && cwd !== undefined && (cwd === home || cwd === '/')) return { what: 'publishes from your home or root folder (everything in it goes into the tarball)', target: cwd, decision: 'block', signals: [`runs in ${cwd}`] };
  return undefined;
}

export default defineCommandRule({
  meta: {
    id: 'cloud/package-registry',
    commands: ['npm', 'pnpm', 'yarn', 'bun', 'gem', 'cargo', 'crane', 'gcrane', 'regctl', 'skopeo', 'dotnet', 'nuget', 'twine'],
    decision: 'ask',
    severity: 'high',
    description: 'Removing published packages and images, or changing who owns them: `npm unpublish` (a whole package, or `--force`, blocks), `npm owner rm`, `npm token revoke`, `npm access … public`, `npm publish` from the home folder, `gem yank`, `cargo yank`, `crane delete`, `skopeo delete`, `dotnet nuget delete`.',
    message: '{{what}} ({{target}})',
    safer: 'Deprecate instead (`npm deprecate pkg@1.0.0 "use 1.0.1"`), `cargo yank --undo` exists if needed, and keep images by tagging rather than deleting.',
  },
  check(cmd, ctx) {
    if (hasDryRun(cmd.args) || cmd.args.some((a) => a === '--help' || a === '-h')) return;
    const report = (h: Hit): void => ctx.report({ target: h.target, data: { what: h.what }, decision: h.decision, signals: h.signals });
    const cwd = cmd.cwd ?? ctx.cwd;
    switch (cmd.name) {
      case 'npm':
      case 'pnpm':
      case 'yarn':
      case 'bun': {
        const hit = npmLike(cmd.name, cmd.args, cwd, ctx.home);
        if (hit) report(hit);
        return;
      }
      case 'gem':
        if (cmd.args[0] === 'yank') report({ what: 'yanks the gem version from rubygems.org', target: cmd.args.slice(1).join(' '), decision: 'ask', signals: [] });
        return;
      case 'cargo':
        if (cmd.args[0] === 'yank' && !hasAny(cmd.args, '--undo')) report({ what: 'yanks the crate version (new projects can no longer depend on it)', target: cmd.args.slice(1).join(' '), decision: 'ask', signals: [] });
        if (cmd.args[0] === 'owner' && hasAny(cmd.args, '--remove', '-r')) report({ what: 'removes an owner of the crate', target: cmd.args.slice(1).join(' '), decision: 'ask', signals: [] });
        return;
      case 'crane':
      case 'gcrane':
        if (cmd.args[0] === 'delete') report({ what: 'deletes the image from the registry', target: cmd.args[1] ?? 'an image', decision: /:(latest|prod|production|stable|release)$/.test(cmd.args[1] ?? '') ? 'block' : 'ask', signals: [] });
        return;
      case 'regctl':
        if ((cmd.args[0] === 'tag' || cmd.args[0] === 'manifest' || cmd.args[0] === 'repo') && /^(delete|rm)$/.test(cmd.args[1] ?? '')) report({ what: 'deletes from the registry', target: cmd.args[2] ?? 'an image', decision: 'ask', signals: [] });
        return;
      case 'skopeo':
        if (cmd.args.includes('delete')) report({ what: 'deletes the image from the registry', target: cmd.args.filter((a) => /:\/\//.test(a))[0] ?? 'an image', decision: 'ask', signals: [] });
        return;
      case 'dotnet':
      case 'nuget':
        if ((cmd.name === 'dotnet' ? cmd.args[0] === 'nuget' && cmd.args[1] === 'delete' : cmd.args[0] === 'delete')) report({ what: 'deletes (unlists) the package version', target: cmd.args.slice(cmd.name === 'dotnet' ? 2 : 1).filter((a) => !a.startsWith('-')).join(' '), decision: 'ask', signals: [] });
        return;
    }
  },
  tests: {
    pause: [
      { input: 'npm unpublish my-lib --force', decision: 'block' },
      { input: 'npm unpublish @acme/ui', decision: 'block' },
      'npm unpublish my-lib@1.2.3',
      { input: 'yarn npm unpublish --all', decision: 'block' },
      { input: 'pnpm unpublish my-lib --force', decision: 'block' },
      'npm owner rm alice my-lib',
      'npm token revoke 1a2b3c',
      'npm access set status=public @acme/internal',
      { input: 'npm publish', cwd: '/home/dev', decision: 'block' },
      'gem yank mygem -v 1.0.0',
      'cargo yank --version 0.3.1 mycrate',
      { input: 'crane delete ghcr.io/acme/api:latest', decision: 'block' },
      'skopeo delete docker://ghcr.io/acme/api:old',
      'dotnet nuget delete Acme.Core 1.0.0 --source https://api.nuget.org/v3/index.json',
    ],
    pass: [
      'npm publish',
      'npm publish --dry-run',
      'npm pack --dry-run',
      'npm unpublish my-lib@1.2.3 --dry-run',
      'npm view my-lib versions',
      'npm deprecate my-lib@1.0.0 "use 1.0.1"',
      'npm owner ls my-lib',
      'npm token list',
      'npm whoami',
      'npm install',
      'npm run build',
      'yarn npm publish',
      'cargo yank --version 0.3.1 --undo mycrate',
      'cargo publish --dry-run',
      'gem build mygem.gemspec',
      'crane ls ghcr.io/acme/api',
      'dotnet nuget push pkg.nupkg --source github',
    ],
  },
});
