/**
 * Scripted fake model servers on 127.0.0.1 for driving the real agent CLIs offline
 * (/work/shared/docs/real-agents-testing.md has the protocols as observed):
 * - Anthropic Messages (`POST /v1/messages`, SSE or JSON): Claude Code, and Copilot CLI in BYOK mode.
 * - Gemini generativelanguage v1beta (`:streamGenerateContent`, `:generateContent`): Gemini CLI.
 * - OpenAI Responses (`POST /v1/responses`, SSE): Codex.
 *
 * Each server is stateless: if the request offers the scripted tool and the conversation holds no tool
 * result yet, it answers with that one tool call; otherwise with the text "Done". The CLIs send side
 * requests (routers, titles) in between, so the decision may depend on nothing but the request itself.
 * Every request and what it was answered with is kept in `requests`; the tool results the agent sent back
 * are in `toolResults` (what the agent told the model after our hook answered).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Protocol = 'anthropic' | 'gemini' | 'openai';

export interface ScriptedCall {
  /** The tool the model calls, as the agent names it to the model (`Bash`, `bash`, `run_shell_command`, `exec_command`, …). */
  tool: string;
  /** Its arguments. For a freeform (custom) OpenAI tool such as apply_patch: `{ input: "<text>" }`. */
  input: Record<string, unknown>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** `tool`, `text`, `json`, `404`, … */
  answered: string;
  /** Names of the tools the request offered. */
  tools: string[];
}

export interface FakeModel {
  protocol: Protocol;
  url: string;
  port: number;
  requests: LoggedRequest[];
  /** The tool results (as text) the agent sent back to the model, in order. */
  toolResults: string[];
  /** Scripts another call from the next request on (and forgets the tool results seen so far). */
  setCall(call: ScriptedCall | undefined): void;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Answer = { status: number; headers: Record<string, string>; body: string; answered: string };

const TEXT = 'Done (fake model).';
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Body => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : {});
const textOf = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

// ---------- Anthropic Messages ----------

function anthropicTools(b: Body): string[] {
  return arr(b.tools).map((t) => String(rec(t).name));
}

function anthropicResults(b: Body): string[] {
  const out: string[] = [];
  for (const m of arr(b.messages)) {
    for (const c of arr(rec(m).content)) {
      const block = rec(c);
      if (block.type !== 'tool_result') continue;
      const content = block.content;
      out.push(Array.isArray(content) ? content.map((x) => String(rec(x).text ?? textOf(x))).join('\n') : textOf(content));
    }
  }
  return out;
}

function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function anthropic(b: Body, call: ScriptedCall | undefined, n: number): Answer {
  const useTool = !!call && anthropicTools(b).includes(call.tool) && anthropicResults(b).length === 0;
  const id = `msg_fake_${n}`;
  const model = typeof b.model === 'string' ? b.model : 'claude-fake';
  const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const toolId = `toolu_fake${n}`;
  if (!b.stream) {
    const content = useTool ? [{ type: 'tool_use', id: toolId, name: call.tool, input: call.input }] : [{ type: 'text', text: TEXT }];
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, type: 'message', role: 'assistant', model, content, stop_reason: useTool ? 'tool_use' : 'end_turn', stop_sequence: null, usage }),
      answered: useTool ? 'tool' : 'text',
    };
  }
  let s = sseEvent('message_start', { type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage } });
  if (useTool) {
    const js = JSON.stringify(call.input);
    const half = Math.floor(js.length / 2);
    s += sseEvent('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: toolId, name: call.tool, input: {} } });
    s += sseEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: js.slice(0, half) } });
    s += sseEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: js.slice(half) } });
    s += sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 });
    s += sseEvent('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } });
  } else {
    s += sseEvent('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    s += sseEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: TEXT } });
    s += sseEvent('content_block_stop', { type: 'content_block_stop', index: 0 });
    s += sseEvent('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } });
  }
  s += sseEvent('message_stop', { type: 'message_stop' });
  return { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, body: s, answered: useTool ? 'tool' : 'text' };
}

// ---------- Gemini ----------

function geminiTools(b: Body): string[] {
  return arr(b.tools).flatMap((t) => arr(rec(t).functionDeclarations).map((f) => String(rec(f).name)));
}

function geminiResults(b: Body): string[] {
  return arr(b.contents).flatMap((c) => arr(rec(c).parts).filter((p) => rec(p).functionResponse).map((p) => textOf(rec(rec(p).functionResponse).response)));
}

function gemini(b: Body, call: ScriptedCall | undefined, n: number, stream: boolean): Answer {
  const gc = rec(b.generationConfig ?? b.config);
  let parts: unknown[];
  let answered: string;
  if (call && geminiTools(b).includes(call.tool) && geminiResults(b).length === 0) {
    parts = [{ functionCall: { name: call.tool, args: call.input } }];
    answered = 'tool';
  } else if (gc.responseMimeType === 'application/json' || gc.responseSchema || gc.responseJsonSchema) {
    // Router and next-speaker checks: one JSON object that satisfies both router strategies.
    parts = [{ text: JSON.stringify({ reasoning: 'fake', model_choice: 'flash', next_speaker: 'user', complexity_reasoning: 'fake', complexity_score: 10 }) }];
    answered = 'json';
  } else {
    parts = [{ text: TEXT }];
    answered = 'text';
  }
  const resp = {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
    modelVersion: 'gemini-fake',
    responseId: `resp_${n}`,
  };
  return stream
    ? { status: 200, headers: { 'content-type': 'text/event-stream' }, body: `data: ${JSON.stringify(resp)}\r\n\r\n`, answered }
    : { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(resp), answered };
}

// ---------- OpenAI Responses ----------

function openaiTools(b: Body): { name: string; type: string }[] {
  return arr(b.tools).map((t) => ({ name: String(rec(t).name ?? rec(rec(t).function).name ?? rec(t).type), type: String(rec(t).type) }));
}

function openaiResults(b: Body): string[] {
  return arr(b.input)
    .map(rec)
    .filter((i) => i.type === 'function_call_output' || i.type === 'custom_tool_call_output')
    .map((i) => textOf(i.output));
}

function openai(b: Body, call: ScriptedCall | undefined, n: number): Answer {
  const tool = call && openaiTools(b).find((t) => t.name === call.tool);
  const useTool = !!tool && openaiResults(b).length === 0;
  let item: Body;
  if (useTool) {
    item = tool.type === 'custom'
      ? { type: 'custom_tool_call', id: `ctc_${n}`, status: 'completed', call_id: `call_fake_${n}`, name: call!.tool, input: String(call!.input.input ?? '') }
      : { type: 'function_call', id: `fc_${n}`, status: 'completed', call_id: `call_fake_${n}`, name: call!.tool, arguments: JSON.stringify(call!.input) };
  } else {
    item = { type: 'message', id: `msg_${n}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: TEXT, annotations: [] }] };
  }
  const id = `resp_fake_${n}`;
  const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 };
  const base = { id, object: 'response', created_at: Math.floor(Date.now() / 1000), model: b.model, status: 'in_progress', output: [] };
  let s = sseEvent('response.created', { type: 'response.created', response: base });
  s += sseEvent('response.in_progress', { type: 'response.in_progress', response: base });
  s += sseEvent('response.output_item.added', { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress' } });
  if (item.type === 'message') {
    s += sseEvent('response.output_text.delta', { type: 'response.output_text.delta', item_id: item.id, output_index: 0, content_index: 0, delta: TEXT });
  }
  s += sseEvent('response.output_item.done', { type: 'response.output_item.done', output_index: 0, item });
  s += sseEvent('response.completed', { type: 'response.completed', response: { ...base, status: 'completed', output: [item], usage } });
  return { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, body: s, answered: useTool ? `tool:${call!.tool}` : 'text' };
}

// ---------- server ----------

function route(protocol: Protocol, method: string, path: string, b: Body | undefined, call: ScriptedCall | undefined, n: number): Answer {
  const notFound: Answer = { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: 'fake: not implemented' } }), answered: '404' };
  if (method !== 'POST' && !(protocol === 'openai' && path.endsWith('/models'))) return notFound;
  switch (protocol) {
    case 'anthropic':
      if (path === '/v1/messages' && b) return anthropic(b, call, n);
      if (path === '/v1/messages/count_tokens') return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"input_tokens":100}', answered: 'count_tokens' };
      return notFound;
    case 'gemini':
      if (/:streamGenerateContent$/.test(path) && b) return gemini(b, call, n, true);
      if (/:generateContent$/.test(path) && b) return gemini(b, call, n, false);
      if (/:countTokens$/.test(path)) return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"totalTokens":100}', answered: 'countTokens' };
      return notFound;
    case 'openai':
      if (path.endsWith('/responses') && b) return openai(b, call, n);
      if (path.endsWith('/models')) return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'list', data: [], models: [] }), answered: 'models' };
      return notFound;
  }
}

function toolsOf(protocol: Protocol, b: Body | undefined): string[] {
  if (!b) return [];
  if (protocol === 'anthropic') return anthropicTools(b);
  if (protocol === 'gemini') return geminiTools(b);
  return openaiTools(b).map((t) => t.name);
}

function resultsOf(protocol: Protocol, b: Body): string[] {
  if (protocol === 'anthropic') return anthropicResults(b);
  if (protocol === 'gemini') return geminiResults(b);
  return openaiResults(b);
}

/** Starts a server on 127.0.0.1 (a free port) that scripts `call`. */
export function startFakeModel(protocol: Protocol, first: ScriptedCall | undefined): Promise<FakeModel> {
  let call = first;
  const requests: LoggedRequest[] = [];
  const toolResults: string[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Body | undefined;
      try {
        const parsed: unknown = raw ? JSON.parse(raw) : undefined;
        body = parsed && typeof parsed === 'object' ? (parsed as Body) : undefined;
      } catch {
        body = undefined; // compressed or not JSON: answered 404 below unless the route needs no body
      }
      const path = (req.url ?? '/').split('?')[0]!;
      const answer = route(protocol, req.method ?? 'GET', path, body, call, ++n);
      if (body) {
        for (const r of resultsOf(protocol, body)) if (!toolResults.includes(r)) toolResults.push(r);
      }
      requests.push({ method: req.method ?? '', path, answered: answer.answered, tools: toolsOf(protocol, body) });
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        protocol,
        port,
        url: `http://127.0.0.1:${port}`,
        requests,
        toolResults,
        setCall: (next) => {
          call = next;
          requests.length = 0;
          toolResults.length = 0;
        },
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
