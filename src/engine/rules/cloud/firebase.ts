import { defineCommandRule } from '../../rule';
import type { Cli, Inv } from './_cli';
import { judgeCli } from './_cli';

/** `demo-*` projects exist only in the emulator; emulator hosts in the environment point the CLI at it. */
function emulator(inv: Inv, env: Readonly<Record<string, string | undefined>>): boolean {
  const project = inv.value('--project', '-P');
  return /^demo-/.test(project ?? '') || !!(env.FIRESTORE_EMULATOR_HOST || env.FIREBASE_DATABASE_EMULATOR_HOST || inv.cmd.env.FIRESTORE_EMULATOR_HOST);
}

function cli(env: Readonly<Record<string, string | undefined>>): Cli {
  const local = (inv: Inv): boolean => emulator(inv, env);
  return {
    valueOptions: ['--project', '-P', '--config', '-c', '--token', '--account', '--instance', '--database', '--only', '--site', '--collection-ids'],
    confirm: ['--force', '-f', '-y', '--yes'],
    safer: 'Export first (`gcloud firestore export gs://…`, `firebase database:get / > backup.json`), try it against the emulator, and delete one document or path.',
    ops: [
      { sub: 'firestore:delete', decision: 'block', what: 'deletes every collection in the Firestore database', when: (inv) => inv.has('--all-collections'), unless: local, target: () => 'every collection' },
      { sub: 'firestore:delete', what: 'deletes {{target}} and every document under it', when: (inv) => inv.has('-r', '--recursive') || (inv.rest[0] !== undefined && inv.rest[0].split('/').filter(Boolean).length % 2 === 1), unless: local },
      { sub: 'database:remove', decision: 'block', what: 'deletes the whole Realtime Database', when: (inv) => inv.rest[0] === '/' || inv.rest[0] === undefined, unless: local, target: () => '/' },
      { sub: 'database:remove', what: 'deletes {{target}} and everything under it', unless: local },
      { sub: 'database:set', decision: 'block', what: 'overwrites the whole Realtime Database', when: (inv) => inv.rest[0] === '/', unless: local, target: () => '/' },
      { sub: 'hosting:disable', what: 'takes the site offline', target: (inv) => inv.value('--site') ?? 'the default site' },
      { sub: 'functions:delete', what: 'deletes the functions {{target}}', target: (inv) => inv.rest.join(' ') },
      { sub: 'apps:delete || hosting:sites:delete || remoteconfig:rollback', what: 'deletes or replaces {{target}}' },
    ],
  };
}

export default defineCommandRule({
  meta: {
    id: 'cloud/firebase',
    commands: ['firebase'],
    decision: 'ask',
    severity: 'critical',
    description: 'Firebase CLI deletes: `firestore:delete --all-collections` or `-r <collection>`, `database:remove /`, `database:set /`, `hosting:disable`, `functions:delete`. `--force`/`-y` or a production project blocks; `demo-*` projects and the emulators stay quiet.',
    message: '{{what}}',
    safer: 'Export first, try against the emulator, and delete one document.',
  },
  check(cmd, ctx) {
    judgeCli(cmd, ctx, cli(ctx.env), 'firebase');
  },
  tests: {
    pause: [
      { input: 'firebase firestore:delete --all-collections', decision: 'block' },
      { input: 'firebase firestore:delete --all-collections --force --project my-app', decision: 'block' },
      'firebase firestore:delete -r users',
      { input: 'firebase firestore:delete -r orders -f', decision: 'block' },
      { input: 'firebase database:remove /', decision: 'block' },
      'firebase database:remove /sessions',
      { input: 'firebase database:remove /sessions --project shop-prod', decision: 'block' },
      'firebase hosting:disable',
      'firebase functions:delete sendEmail',
      { input: 'firebase database:set / seed.json', decision: 'block' },
    ],
    pass: [
      'firebase firestore:delete users/abc123',
      'firebase firestore:delete --all-collections --project demo-test',
      { input: 'firebase firestore:delete -r users', env: { FIRESTORE_EMULATOR_HOST: 'localhost:8080' } },
      'firebase emulators:start',
      'firebase deploy --only hosting',
      'firebase deploy --only functions',
      'firebase projects:list',
      'firebase database:get /config',
      'firebase use staging',
    ],
  },
});
