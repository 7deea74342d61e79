import { randomBytes } from 'node:crypto';

import type { SimRequest, SimResponse } from '../framework/server';
import { SimServer } from '../framework/server';

/**
 * A stand-in for an OpenAI-compatible Chat Completions API (`POST /v1/chat/completions`, the
 * request n8n's OpenAI Chat Model sends when the Responses API is off), scripted like a model that
 * uses tools:
 * - asked a question with tools offered, it calls every offered tool once, filling each tool's
 *   parameters from its JSON schema (numbers 5, booleans false, strings from `stringArguments` by
 *   parameter name, else "");
 * - given the tools' results, it answers with one line per tool: the tool's name, how many items
 *   the result held and the names in it, read from the results themselves.
 * It records every request (the tools exactly as the model sees them) for the tests to read.
 */
export interface ChatTool {
	name: string;
	description: string;
	parameters: { type?: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
}

interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{ type: 'function'; function: ChatTool }>;
	stream?: boolean;
}

export interface ToolResult {
	tool: string;
	arguments: Record<string, unknown>;
	content: string;
}

export interface ChatModelStandIn {
	url: string;
	apiKey: string;
	/** Every chat request, in order. */
	requests: ChatRequest[];
	/** The tools of the first request that offered any: what the model was told. */
	toolsSeen(): ChatTool[];
	/** What each tool call returned to the model, by tool name. */
	toolResults(): ToolResult[];
	/** The last answer given without tool calls. */
	finalAnswer(): string | undefined;
	close(): Promise<void>;
}

const MODEL = 'gpt-4o-mini';

function textOf(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

function argumentsFor(tool: ChatTool, stringArguments: Record<string, string>): Record<string, unknown> {
	const args: Record<string, unknown> = {};
	for (const [name, schema] of Object.entries(tool.parameters.properties ?? {})) {
		if (schema.type === 'number' || schema.type === 'integer') args[name] = 5;
		else if (schema.type === 'boolean') args[name] = false;
		else args[name] = stringArguments[name] ?? '';
	}
	return args;
}

/** Items in a tool's result, whatever shape the agent hands it back in (a JSON array or an object). */
function itemsOf(content: string): Array<Record<string, unknown>> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(content);
	} catch {
		return [];
	}
	if (Array.isArray(parsed)) return parsed.flatMap((entry) => (typeof entry === 'object' && entry !== null ? [entry as Record<string, unknown>] : []));
	if (typeof parsed === 'object' && parsed !== null) {
		const object = parsed as Record<string, unknown>;
		for (const key of ['response', 'data', 'items', 'result']) {
			if (key in object) return itemsOf(typeof object[key] === 'string' ? (object[key] as string) : JSON.stringify(object[key]));
		}
		return [object];
	}
	return [];
}

function nameOf(item: Record<string, unknown>): string | undefined {
	for (const key of ['name', 'displayName', 'deployment_name', 'deploymentName', 'title', 'id']) {
		const value = item[key];
		if (typeof value === 'string' || typeof value === 'number') return String(value);
	}
	return undefined;
}

function summarise(results: ToolResult[]): string {
	const lines = results.map(({ tool, content }) => {
		const items = itemsOf(content);
		const names = items.map(nameOf).filter((name): name is string => name !== undefined);
		return `- ${tool}: ${items.length} item(s)${names.length ? `: ${names.join(', ')}` : ''}`;
	});
	return ['Here is what needs attention today, from each system:', ...lines].join('\n');
}

function completion(message: ChatMessage, finishReason: 'stop' | 'tool_calls'): Record<string, unknown> {
	return {
		id: `chatcmpl-${randomBytes(8).toString('hex')}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
		choices: [{ index: 0, message: { content: null, ...message }, finish_reason: finishReason, logprobs: null }],
		usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
	};
}

/** The same answer as server-sent events, for clients that ask to stream. */
function streamed(body: Record<string, unknown>): SimResponse {
	const choice = (body.choices as Array<{ message: ChatMessage; finish_reason: string }>)[0];
	const base = { id: body.id, object: 'chat.completion.chunk', created: body.created, model: MODEL };
	const delta: Record<string, unknown> = { role: 'assistant', content: choice.message.content ?? '' };
	if (choice.message.tool_calls) {
		delta.tool_calls = choice.message.tool_calls.map((call, index) => ({ index, id: call.id, type: 'function', function: call.function }));
	}
	const events = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: choice.finish_reason }], usage: body.usage },
	];
	return {
		status: 200,
		headers: { 'content-type': 'text/event-stream' },
		body: events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('') + 'data: [DONE]\n\n',
	};
}

export async function startChatModelStandIn(
	options: { port?: number; stringArguments?: Record<string, string> } = {},
): Promise<ChatModelStandIn> {
	const apiKey = `sk-standin-${randomBytes(12).toString('hex')}`;
	const requests: ChatRequest[] = [];
	const answers: ChatMessage[] = [];
	const calls = new Map<string, { tool: string; arguments: Record<string, unknown> }>();
	const stringArguments = options.stringArguments ?? {};

	const server = new SimServer({
		name: 'openai',
		authenticate: (request: SimRequest) =>
			request.headers.authorization === `Bearer ${apiKey}`
				? undefined
				: { status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } } },
		errorBody: (status, message, code) => ({ error: { message, type: 'invalid_request_error', code } }),
	});

	server.route('GET', '/v1/models', () => ({ status: 200, body: { object: 'list', data: [{ id: MODEL, object: 'model', owned_by: 'stand-in' }] } }));
	server.route('POST', '/v1/chat/completions', (request) => {
		const chat = request.body as ChatRequest;
		requests.push(chat);
		const lastUser = chat.messages.map((message) => message.role).lastIndexOf('user');
		const toolMessages = chat.messages.slice(lastUser + 1).filter((message) => message.role === 'tool');
		const tools = (chat.tools ?? []).map((tool) => tool.function);
		let message: ChatMessage;
		if (toolMessages.length === 0 && tools.length > 0) {
			const toolCalls = tools.map((tool) => {
				const id = `call_${randomBytes(6).toString('hex')}`;
				const args = argumentsFor(tool, stringArguments);
				calls.set(id, { tool: tool.name, arguments: args });
				return { id, type: 'function', function: { name: tool.name, arguments: JSON.stringify(args) } };
			});
			message = { role: 'assistant', tool_calls: toolCalls };
		} else {
			message = {
				role: 'assistant',
				content: summarise(
					toolMessages.map((toolMessage) => ({
						tool: calls.get(toolMessage.tool_call_id ?? '')?.tool ?? 'unknown tool',
						arguments: calls.get(toolMessage.tool_call_id ?? '')?.arguments ?? {},
						content: textOf(toolMessage.content),
					})),
				),
			};
		}
		answers.push(message);
		const body = completion(message, message.tool_calls ? 'tool_calls' : 'stop');
		return chat.stream ? streamed(body) : { status: 200, body };
	});

	const url = `${await server.listen(options.port ?? 0)}/v1`;
	return {
		url,
		apiKey,
		requests,
		toolsSeen: () => (requests.find((chat) => (chat.tools ?? []).length > 0)?.tools ?? []).map((tool) => tool.function),
		toolResults: () =>
			requests.flatMap((chat) =>
				chat.messages
					.filter((message) => message.role === 'tool' && calls.has(message.tool_call_id ?? ''))
					.map((message) => ({ ...calls.get(message.tool_call_id!)!, content: textOf(message.content) })),
			).filter((result, index, all) => all.findIndex((other) => other.tool === result.tool && other.content === result.content) === index),
		finalAnswer: () => [...answers].reverse().find((answer) => !answer.tool_calls)?.content as string | undefined,
		close: () => server.close(),
	};
}
