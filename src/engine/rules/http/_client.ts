/**
 * Reads HTTP client command lines (curl, wget, HTTPie/xh, grpcurl, PowerShell's Invoke-RestMethod and
 * Invoke-WebRequest) into requests: method, URLs, headers, body, and where the body came from.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved } from '../../shell/types';
import { LIVE_KEY } from './_request';

export interface BodySource {
  /** `inline`, a file (`@payload.json`), standard input (`@-`), or a form file field. */
  kind: 'inline' | 'file' | 'stdin' | 'form-file';
  /** The file as written, for file sources. */
  path?: string;
}

export interface ClientRequest {
  tool: string;
  method: string;
  /** True when the method comes from a variable. */
  methodUnknown: boolean;
  urls: string[];
  headers: Record<string, string>;
  /** The body text when it could be read; undefined when there is none or it is in a file we could not read. */
  body: string | undefined;
  bodySources: BodySource[];
  /** Files uploaded or sent as the body. */
  uploads: string[];
  /** A config file supplies more options (`curl -K`), so the request is not fully known. */
  configFile?: string;
}

export const HTTP_CLIENTS = [
  'curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'curlie', 'grpcurl', 'invoke-restmethod', 'invoke-webrequest',
] as const;

const CURL_SHORT_VALUE = new Set('XHdFTuoAebcKxmwErCUYyzDPQt'.split(''));
const CURL_LONG_VALUE = new Set([
  '--request', '--header', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '--form',
  '--form-string', '--upload-file', '--user', '--output', '--user-agent', '--referer', '--cookie', '--cookie-jar', '--config',
  '--proxy', '--max-time', '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '--write-out', '--cert',
  '--key', '--cacert', '--capath', '--resolve', '--connect-to', '--range', '--continue-at', '--url', '--oauth2-bearer',
  '--proxy-user', '--limit-rate', '--speed-limit', '--speed-time', '--time-cond', '--max-filesize', '--interface',
  '--local-port', '--dns-servers', '--unix-socket', '--abstract-unix-socket', '--aws-sigv4', '--variable', '--trace',
  '--trace-ascii', '--stderr', '--dump-header', '--output-dir', '--ciphers', '--tls-max', '--pass', '--quote', '--mail-from',
  '--mail-rcpt', '--noproxy', '--proto', '--proto-redir', '--request-target', '--max-redirs', '--keepalive-time',
  '--expect100-timeout', '--parallel-max', '--alt-svc', '--hsts', '--etag-save', '--etag-compare', '--header-file',
  '--key-type', '--cert-type', '--pinnedpubkey', '--proxy-header', '--preproxy', '--socks5', '--socks5-hostname', '--telnet-option',
  '--url-query', '--happy-eyeballs-timeout-ms', '--sasl-authzid', '--service-name', '--login-options',
  '--krb', '--delegation', '--ftp-port', '--ftp-account', '--ftp-method', '--ftp-alternative-to-user', '--ftp-ssl-ccc-mode',
  '--proxy-cacert', '--proxy-cert', '--proxy-key', '--create-file-mode', '--ip-tos', '--vlan-priority', '--ech', '--curves',
]);
const DATA_OPTS = new Set(['-d', '--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode', '--json']);

/** Reads a small local file (a request body given as `@file`), or undefined. */
function readSmall(file: string, cwd: string | undefined): string | undefined {
  if (isUnresolved(file) || file === '-') return undefined;
  const abs = path.isAbsolute(file) ? file : cwd && !isUnresolved(cwd) ? path.join(cwd, file) : undefined;
  if (!abs) return undefined;
  try {
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > 256 * 1024) return undefined;
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

/** Text on standard input when it is visible: a heredoc, a here-string, or `echo`/`printf`/`cat <<EOF` piped in. */
export function stdinText(cmd: SimpleCommand): string | undefined {
  const s = cmd.stdin;
  if (!s) return undefined;
  if (s.kind === 'heredoc' || s.kind === 'herestring') return s.text;
  if (s.kind === 'pipe') {
    const p = s.producer;
    if (p.name === 'echo' || p.name === 'printf' || p.name === 'write-output') return p.args.filter((a) => !/^-[neE]+$/.test(a)).join(' ');
    if ((p.name === 'cat' || p.name === 'jq') && p.stdin && (p.stdin.kind === 'heredoc' || p.stdin.kind === 'herestring')) return p.stdin.text;
  }
  return undefined;
}

function header(into: Record<string, string>, raw: string): void {
  const i = raw.indexOf(':');
  if (i > 0) into[raw.slice(0, i).trim().toLowerCase()] = raw.slice(i + 1).trim();
}

function dataPiece(opt: string, value: string, cmd: SimpleCommand, cwd: string | undefined, req: ClientRequest): string | undefined {
  if (opt === '--data-raw' || !value.startsWith('@')) {
    req.bodySources.push({ kind: 'inline' });
    if (opt === '--data-urlencode') {
      const eq = value.indexOf('=');
      if (eq > 0 && value[eq + 1] === '@') return dataPiece('-d', value.slice(eq + 1), cmd, cwd, req);
    }
    return value;
  }
  const file = value.slice(1);
  if (file === '-') {
    req.bodySources.push({ kind: 'stdin' });
    return stdinText(cmd);
  }
  req.bodySources.push({ kind: 'file', path: file });
  req.uploads.push(file);
  return readSmall(file, cwd);
}

function parseCurl(cmd: SimpleCommand, cwd: string | undefined): ClientRequest {
  const req: ClientRequest = { tool: 'curl', method: '', methodUnknown: false, urls: [], headers: {}, body: undefined, bodySources: [], uploads: [] };
  const pieces: (string | undefined)[] = [];
  let explicit: string | undefined;
  let head = false;
  let get = false;
  let upload = false;
  const args = cmd.args;
  const take = (opt: string, value: string | undefined): void => {
    if (value === undefined) return;
    if (opt === '-X' || opt === '--request') explicit = value;
    else if (opt === '-H' || opt === '--header') header(req.headers, value);
    else if (DATA_OPTS.has(opt)) {
      pieces.push(dataPiece(opt, value, cmd, cwd, req));
      if (opt === '--json') req.headers['content-type'] ??= 'application/json';
    } else if (opt === '-F' || opt === '--form' || opt === '--form-string') {
      const m = /^[^=]*=([@<])(.+?)(;.*)?$/.exec(value);
      if (m && opt !== '--form-string') {
        req.bodySources.push({ kind: 'form-file', path: m[2] });
        req.uploads.push(m[2]!);
        pieces.push(m[2] === '-' ? stdinText(cmd) : readSmall(m[2]!, cwd));
      } else {
        req.bodySources.push({ kind: 'inline' });
        pieces.push(value.slice(value.indexOf('=') + 1));
      }
    } else if (opt === '-T' || opt === '--upload-file') {
      upload = true;
      req.uploads.push(value);
      req.bodySources.push(value === '-' ? { kind: 'stdin' } : { kind: 'file', path: value });
      pieces.push(value === '-' ? stdinText(cmd) : readSmall(value, cwd));
    } else if (opt === '--url') req.urls.push(value);
    else if (opt === '-K' || opt === '--config') req.configFile = value;
    // The value itself never goes into a finding; only whether it is a live (production) key.
    else if (opt === '-u' || opt === '--user') req.headers['authorization'] ??= LIVE_KEY.test(value) ? '(credentials: live key)' : '(credentials)';
    else if (opt === '--oauth2-bearer') req.headers['authorization'] ??= LIVE_KEY.test(value) ? 'Bearer (credentials: live key)' : 'Bearer (token)';
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      req.urls.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (CURL_LONG_VALUE.has(name)) take(name, eq > 0 ? a.slice(eq + 1) : args[++i]);
      else if (name === '--head') head = true;
      else if (name === '--get') get = true;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const letter = a[j]!;
        if (CURL_SHORT_VALUE.has(letter)) {
          const rest = a.slice(j + 1);
          take(`-${letter}`, rest.length ? rest : args[++i]);
          break;
        }
        if (letter === 'I') head = true;
        if (letter === 'G') get = true;
      }
      continue;
    }
    req.urls.push(a);
  }
  const present = pieces.filter((p): p is string => p !== undefined);
  req.body = present.length ? present.join('&') : undefined;
  const hasData = req.bodySources.length > 0 && !upload;
  const method = explicit ?? (head ? 'HEAD' : upload ? 'PUT' : hasData && !get ? 'POST' : 'GET');
  req.methodUnknown = isUnresolved(method);
  req.method = method.toUpperCase();
  if (get && req.body !== undefined && method === 'GET') {
    req.urls = req.urls.map((u) => `${u}${u.includes('?') ? '&' : '?'}${req.body}`);
    req.body = undefined;
  }
  return req;
}

const WGET_SHORT_VALUE = new Set(['-O', '-o', '-a', '-e', '-P', '-t', '-T', '-w', '-U', '-Q', '-i', '-B', '-l', '-A', '-R', '-D', '-X', '-I']);

function parseWget(cmd: SimpleCommand, cwd: string | undefined): ClientRequest {
  const req: ClientRequest = { tool: 'wget', method: 'GET', methodUnknown: false, urls: [], headers: {}, body: undefined, bodySources: [], uploads: [] };
  const args = cmd.args;
  let method: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (name === '--method') method = value();
    else if (name === '--header') header(req.headers, value() ?? '');
    else if (name === '--post-data' || name === '--body-data') {
      req.body = value();
      req.bodySources.push({ kind: 'inline' });
      method ??= 'POST';
    } else if (name === '--post-file' || name === '--body-file') {
      const f = value() ?? '';
      req.uploads.push(f);
      req.bodySources.push({ kind: 'file', path: f });
      req.body = f === '-' ? stdinText(cmd) : readSmall(f, cwd);
      method ??= 'POST';
    } else if (a.startsWith('--')) {
      if (eq < 0 && /^--(output-document|output-file|append-output|execute|directory-prefix|tries|timeout|wait|user-agent|quota|input-file|base|level|accept|reject|domains|exclude-directories|include-directories|user|password|http-user|http-password|load-cookies|save-cookies|referer|ca-certificate|certificate|private-key)$/.test(a)) i++;
    } else if (WGET_SHORT_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) req.urls.push(a);
  }
  if (method) {
    req.methodUnknown = isUnresolved(method);
    req.method = method.toUpperCase();
  }
  return req;
}

const HTTPIE_VALUE = new Set(['-a', '--auth', '-A', '--auth-type', '--session', '--session-read-only', '-o', '--output', '--verify', '--cert', '--cert-key', '--proxy', '--timeout', '--max-redirects', '--pretty', '-s', '--style', '-p', '--print', '--format-options', '--boundary', '--ssl', '--ciphers', '--default-scheme', '--max-headers', '--response-charset', '--response-mime', '--unix-socket']);

function parseHttpie(cmd: SimpleCommand, cwd: string | undefined): ClientRequest {
  const req: ClientRequest = { tool: cmd.name, method: 'GET', methodUnknown: false, urls: [], headers: {}, body: undefined, bodySources: [], uploads: [] };
  const args = cmd.args;
  const positional: string[] = [];
  let raw: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--raw=')) raw = a.slice(6);
    else if (a === '--raw') raw = args[++i];
    else if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && HTTPIE_VALUE.has(a)) i++;
    } else positional.push(a);
  }
  let rest = positional;
  // HTTPie and xh take the method in any case (`xh delete …`); a lower-case word that is not a method is a host.
  if (rest.length >= 2 && /^[A-Za-z]+$/.test(rest[0]!) && (rest[0] === rest[0]!.toUpperCase() || /^(get|head|post|put|patch|delete|options)$/.test(rest[0]!))) {
    req.method = rest[0]!.toUpperCase();
    rest = rest.slice(1);
  } else if (rest.length >= 2 && /^\$\w+$/.test(rest[0]!)) {
    req.methodUnknown = true;
    rest = rest.slice(1);
  }
  const url = rest[0];
  if (url !== undefined) req.urls.push(url.startsWith(':') ? `http://localhost${url}` : url);
  const json: Record<string, unknown> = {};
  let hasItems = false;
  for (const item of rest.slice(1)) {
    const m = /^([^=:@]*?)(:=@|=@|:=|==|=|:|@)(.*)$/s.exec(item);
    if (!m) continue;
    const [, key, sep, value] = m as unknown as [string, string, string, string];
    if (sep === ':') header(req.headers, `${key}:${value}`);
    else if (sep === '==') continue;
    else if (sep === '@' && key === '') {
      req.uploads.push(value);
      req.bodySources.push({ kind: 'file', path: value });
      raw = readSmall(value, cwd);
      hasItems = true;
    } else if (sep === '=@' || sep === ':=@' || sep === '@') {
      req.uploads.push(value);
      req.bodySources.push({ kind: 'file', path: value });
      json[key] = readSmall(value, cwd) ?? '';
      hasItems = true;
    } else if (sep === ':=') {
      try {
        json[key] = JSON.parse(value);
      } catch {
        json[key] = value;
      }
      hasItems = true;
    } else {
      json[key] = value;
      hasItems = true;
    }
  }
  if (raw !== undefined) {
    req.body = raw;
    req.bodySources.push({ kind: 'inline' });
  } else if (hasItems) {
    req.body = JSON.stringify(json);
    if (!req.bodySources.length) req.bodySources.push({ kind: 'inline' });
  } else {
    const s = stdinText(cmd);
    if (s !== undefined) {
      req.body = s;
      req.bodySources.push({ kind: 'stdin' });
    }
  }
  if (req.method === 'GET' && req.body !== undefined && positional[0] !== 'GET') req.method = 'POST';
  return req;
}

const GRPCURL_VALUE = new Set(['-d', '-H', '-rpc-header', '-reflect-header', '-proto', '-import-path', '-protoset', '-authority', '-cert', '-key', '-cacert', '-servername', '-max-time', '-connect-timeout', '-keepalive-time', '-format', '-user-agent', '-max-msg-sz', '-protoset-out', '-unix']);

function parseGrpcurl(cmd: SimpleCommand, cwd: string | undefined): ClientRequest {
  const req: ClientRequest = { tool: 'grpcurl', method: 'POST', methodUnknown: false, urls: [], headers: {}, body: undefined, bodySources: [], uploads: [] };
  const args = cmd.args;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.replace(/^--/, '-').split('=')[0]!;
    if (GRPCURL_VALUE.has(name)) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (name === '-d' && v !== undefined) {
        req.body = v === '@' ? stdinText(cmd) : v.startsWith('@') ? readSmall(v.slice(1), cwd) : v;
        req.bodySources.push({ kind: v.startsWith('@') ? 'stdin' : 'inline' });
      } else if ((name === '-H' || name === '-rpc-header') && v) header(req.headers, v);
    } else if (!a.startsWith('-')) positional.push(a);
  }
  const [host, method] = positional;
  if (host === 'list' || host === 'describe' || method === 'list' || method === 'describe' || method === undefined) {
    req.method = 'GET';
    if (host) req.urls.push(`grpc://${host === 'list' || host === 'describe' ? positional[1] ?? '' : host}/`);
    return req;
  }
  req.urls.push(`grpc://${host}/${method}`);
  return req;
}

/** PowerShell parameters may be abbreviated and written `-Name:value`. */
function psParam(a: string): { name: string; value?: string } | undefined {
  const m = /^-([A-Za-z]+)(?::(.*))?$/.exec(a);
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), value: m[2] };
}

function parseInvoke(cmd: SimpleCommand, cwd: string | undefined): ClientRequest {
  const req: ClientRequest = { tool: cmd.rawName, method: 'GET', methodUnknown: false, urls: [], headers: {}, body: undefined, bodySources: [], uploads: [] };
  const args = cmd.args;
  let method: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const p = psParam(args[i]!);
    if (!p) {
      req.urls.push(args[i]!);
      continue;
    }
    const value = (): string | undefined => p.value ?? args[++i];
    const n = p.name;
    if ('method'.startsWith(n) && n.length >= 2) method = value();
    else if ('uri'.startsWith(n) || n === 'url') req.urls.push(value() ?? '');
    else if ('body'.startsWith(n) && n.length >= 2) {
      req.body = value();
      req.bodySources.push({ kind: 'inline' });
    } else if ('infile'.startsWith(n) && n.length >= 2) {
      const f = value() ?? '';
      req.uploads.push(f);
      req.bodySources.push({ kind: 'file', path: f });
      req.body = readSmall(f.replace(/\\/g, '/'), cwd);
    } else if ('headers'.startsWith(n) && n.length >= 2) {
      const h = value() ?? '';
      for (const m of h.matchAll(/['"]?([\w-]+)['"]?\s*=\s*['"]([^'"]*)['"]/g)) req.headers[m[1]!.toLowerCase()] = m[2]!;
    } else if ('form'.startsWith(n) && n.length >= 2) {
      req.body = value();
      req.bodySources.push({ kind: 'inline' });
    } else if (/^(contenttype|outfile|timeoutsec|maximumredirection|credential|token|authentication|websession|sessionvariable|useragent|proxy|certificate|certificatethumbprint|transferencoding|maximumretrycount|retryintervalsec|custommethod)$/i.test(n) && p.value === undefined) i++;
  }
  if (method === undefined && req.body !== undefined) method = 'POST';
  if (method !== undefined) {
    req.methodUnknown = isUnresolved(method);
    req.method = method.toUpperCase();
  }
  return req;
}

export function parseClient(cmd: SimpleCommand, cwd: string | undefined): ClientRequest | undefined {
  switch (cmd.name) {
    case 'curl':
    case 'curlie':
      if (cmd.shell === 'powershell' && cmd.args.some((a) => /^-(uri|method|body|infile)\b/i.test(a))) return parseInvoke(cmd, cwd);
      return parseCurl(cmd, cwd);
    case 'wget':
      if (cmd.shell === 'powershell' && cmd.args.some((a) => /^-(uri|method|body|infile)\b/i.test(a))) return parseInvoke(cmd, cwd);
      return parseWget(cmd, cwd);
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
    case 'httpie':
      return parseHttpie(cmd, cwd);
    case 'grpcurl':
      return parseGrpcurl(cmd, cwd);
    case 'invoke-restmethod':
    case 'invoke-webrequest':
      return parseInvoke(cmd, cwd);
    default:
      return undefined;
  }
}
