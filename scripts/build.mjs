// Bundles the extension and the CLI with esbuild. `--production` minifies and drops source maps.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's default (UMD) build loads its parts with a dynamic require that a bundle cannot follow.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

// The SQL grammars (0.9 MB) stay out of the bundles: they are copied beside them and required on first use, so a
// command with no SQL never pays for loading them.
const SQL_BUILDS = ['postgresql', 'mysql', 'sqlite'];
const sqlBuildsBeside = {
  name: 'sql-builds-beside',
  setup(build) {
    build.onResolve({ filter: /^node-sql-parser\/build\/(postgresql|mysql|sqlite)$/ }, (args) => ({
      path: `./sql/${args.path.split('/').pop()}.js`,
      external: true,
    }));
    // The regular-expression safety check (1 MB with its dependencies) only loads for rule files with a `regex`.
    build.onResolve({ filter: /^(scslre|@eslint-community\/regexpp)$/ }, (args) =>
      args.importer.includes('node_modules') ? undefined : { path: `./vendor/${args.path.split('/').pop()}.js`, external: true });
  },
};
fs.mkdirSync('dist/sql', { recursive: true });
for (const d of SQL_BUILDS) fs.copyFileSync(`node_modules/node-sql-parser/build/${d}.js`, `dist/sql/${d}.js`);
common.plugins = [sqlBuildsBeside];

const vendor = ['scslre', '@eslint-community/regexpp'].map((name) => ({
  ...common,
  plugins: [],
  minify: true,
  sourcemap: false,
  entryPoints: [name],
  outfile: `dist/vendor/${name.split('/').pop()}.js`,
}));

const targets = [
  ...vendor,
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The CLI must never pull in `vscode`: marking it external would hide a mistake, so it is not.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js' },
  // The `blast-radius` command: a small launcher that runs cli-main.js from V8's code cache (src/cli/launch.ts).
  { ...common, plugins: [], entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Activity panel webview script (browser; media/ is the webview's only resource root).
  { ...common, platform: 'browser', format: 'iife', target: 'chrome120', sourcemap: production ? false : 'inline', entryPoints: ['webview/activity/main.ts'], outfile: 'media/dist/activity.js' },
];

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
