/**
 * Reading a `find` command: its start points and whether the files an action applies to are narrowed by a
 * name test (`-name '*.pyc'`), only by age or size (`-mtime +30`), or not at all.
 */
import type { SimpleCommand } from '../../shell/types';

const GLOBAL_WITH_VALUE = new Set(['-D']);
const TESTS_WITH_VALUE = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-type', '-xtype',
  '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-anewer', '-cnewer', '-size', '-user', '-group', '-uid',
  '-gid', '-perm', '-maxdepth', '-mindepth', '-links', '-inum', '-samefile', '-fstype', '-printf', '-fprint', '-fprint0',
  '-regextype', '-context', '-used', '-files0-from',
]);
const NAME_TESTS = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-samefile', '-inum']);
const AGE_TESTS = new Set(['-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-anewer', '-cnewer', '-size', '-used', '-user', '-uid', '-group', '-gid']);
/** Patterns that match everything, so they narrow nothing. */
const MATCH_ALL = /^(\*|\.\*|\*\*|\.\/\*|\.\/\*\*|\.\*\/?\*?|\/\*|\*\/\*)$/;

type Node =
  | { t: 'and' | 'or'; kids: Node[] }
  | { t: 'not'; kid: Node }
  | { t: 'test'; name: string; value?: string }
  | { t: 'action'; name: string; command?: string[] };

function split(args: readonly string[]): { roots: string[]; expr: string[] } {
  let i = 0;
  while (i < args.length && /^-[HLP]$|^-O\d$|^-D$/.test(args[i]!)) i += GLOBAL_WITH_VALUE.has(args[i]!) ? 2 : 1;
  const roots: string[] = [];
  for (; i < args.length; i++) {
    const a = args[i]!;
    if ((a.startsWith('-') && a.length > 1) || a === '(' || a === '!' || a === ',' || a === ')') break;
    roots.push(a);
  }
  return { roots, expr: args.slice(i) };
}

/** Start points of a find: the words before the first expression token (default `.`). */
export function findRoots(args: readonly string[]): string[] {
  const { roots } = split(args);
  return roots.length ? roots : ['.'];
}

function expressionTokens(args: readonly string[]): string[] {
  return split(args).expr;
}

function parse(tokens: string[]): Node {
  let pos = 0;
  const primary = (): Node | undefined => {
    const tok = tokens[pos];
    if (tok === undefined) return undefined;
    if (tok === '!' || tok === '-not') {
      pos++;
      const kid = primary();
      return kid ? { t: 'not', kid } : undefined;
    }
    if (tok === '(') {
      pos++;
      const inner = or();
      if (tokens[pos] === ')') pos++;
      return inner;
    }
    pos++;
    if (/^-(exec|execdir|ok|okdir)$/.test(tok)) {
      const command: string[] = [];
      while (pos < tokens.length && tokens[pos] !== ';' && tokens[pos] !== '+') command.push(tokens[pos++]!);
      pos++;
      return { t: 'action', name: tok, command };
    }
    if (TESTS_WITH_VALUE.has(tok) || /^-newer[amcBt][amcBt]$/.test(tok)) return { t: 'test', name: tok, value: tokens[pos++] };
    if (/^-(delete|print|print0|ls|fls|prune|quit|fprint)$/.test(tok)) return { t: 'action', name: tok };
    return { t: 'test', name: tok };
  };
  const and = (): Node => {
    const kids: Node[] = [];
    while (pos < tokens.length && tokens[pos] !== ')' && tokens[pos] !== '-o' && tokens[pos] !== '-or' && tokens[pos] !== ',') {
      if (tokens[pos] === '-a' || tokens[pos] === '-and') {
        pos++;
        continue;
      }
      const p = primary();
      if (p) kids.push(p);
    }
    return { t: 'and', kids };
  };
  const or = (): Node => {
    const kids = [and()];
    while (tokens[pos] === '-o' || tokens[pos] === '-or' || tokens[pos] === ',') {
      pos++;
      kids.push(and());
    }
    return kids.length === 1 ? kids[0]! : { t: 'or', kids };
  };
  return or();
}

/** Does every file this node matches pass a test of the given family? */
function restricts(node: Node, family: Set<string>): boolean {
  switch (node.t) {
    case 'test':
      if (node.name === '-empty') return true; // deleting empty files or folders loses nothing
      return family.has(node.name) && !MATCH_ALL.test(node.value ?? '');
    case 'not':
    case 'action':
      return false;
    case 'and':
      return node.kids.some((k) => restricts(k, family));
    case 'or':
      return node.kids.length > 0 && node.kids.every((k) => restricts(k, family));
  }
}

function contains(node: Node, target: Node): boolean {
  if (node === target) return true;
  if (node.t === 'and' || node.t === 'or') return node.kids.some((k) => contains(k, target));
  if (node.t === 'not') return contains(node.kid, target);
  return false;
}

/** Is `action` only reached for files that passed a test of the family on the way to it? */
function restrictedBefore(node: Node, action: Node, family: Set<string>): boolean {
  if (node === action) return false;
  if (node.t === 'and') {
    const k = node.kids.findIndex((kid) => contains(kid, action));
    return node.kids.slice(0, k).some((kid) => restricts(kid, family)) || restrictedBefore(node.kids[k]!, action, family);
  }
  if (node.t === 'or') return restrictedBefore(node.kids.find((kid) => contains(kid, action))!, action, family);
  return false;
}

function actions(node: Node): Extract<Node, { t: 'action' }>[] {
  if (node.t === 'action') return [node];
  if (node.t === 'and' || node.t === 'or') return node.kids.flatMap(actions);
  if (node.t === 'not') return actions(node.kid);
  return [];
}

export type FindFilter = 'name' | 'age' | 'none';

export interface FindDeletion {
  /** `-delete`, `-exec rm`, or the paths find prints (for `| xargs rm`). */
  how: string;
  filter: FindFilter;
}

const DELETERS = /^(rm|unlink|shred|srm|wipe)$/;

function filterFor(tree: Node, action: Node): FindFilter {
  if (restrictedBefore(tree, action, NAME_TESTS)) return 'name';
  if (restrictedBefore(tree, action, AGE_TESTS)) return 'age';
  return 'none';
}

/** Deleting actions in a find expression (`-delete`, `-exec rm …`), each with how its files are narrowed. */
export function findDeletions(args: readonly string[]): FindDeletion[] {
  const tree = parse(expressionTokens(args));
  const out: FindDeletion[] = [];
  for (const act of actions(tree)) {
    if (act.name === '-delete') out.push({ how: '-delete', filter: filterFor(tree, act) });
    else if ((act.name === '-exec' || act.name === '-execdir') && act.command) {
      const words = act.command.filter((w) => !/^(sudo|doas|command|nice|nohup)$/.test(w));
      const prog = (words[0] ?? '').replace(/^.*\//, '').replace(/^\\/, '');
      if (DELETERS.test(prog)) out.push({ how: `${act.name} ${prog}`, filter: filterFor(tree, act) });
    }
  }
  return out;
}

/** How the paths find prints are narrowed (what `find … | xargs rm` deletes). */
export function findOutputFilter(args: readonly string[]): FindFilter {
  const tree = parse(expressionTokens(args));
  const printer = actions(tree).find((a) => a.name === '-print' || a.name === '-print0');
  const probe: Node = printer ?? { t: 'action', name: '-print' };
  const whole: Node = printer ? tree : { t: 'and', kids: [tree, probe] };
  return filterFor(whole, probe);
}

/** The find command whose output or `-exec` runs this command (`find … | xargs rm`, `find … -exec chmod`). */
export function feedingFind(cmd: SimpleCommand): SimpleCommand | undefined {
  const byExec = cmd.wrappers.some((w) => w.startsWith('find -'));
  const byXargs = cmd.wrappers.includes('xargs');
  if (!byExec && !byXargs) return undefined;
  const producer = cmd.stdin?.kind === 'pipe' ? cmd.stdin.producer : undefined;
  return producer?.name === 'find' ? producer : undefined;
}
