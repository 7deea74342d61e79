import * as fs from 'node:fs';
import * as path from 'node:path';

import type { RunningSimulator } from '../harness/vendors';
import { vendors } from '../harness/vendors';
import { chatModelEnvironment } from '../harness/vendors/openai';
import type { ChatModelStandIn, ChatTool } from '../simulators/openai';
import { startChatModelStandIn } from '../simulators/openai';
import { E2E_DIR } from './harness/build';
import type { WorkflowRun } from './harness/n8n';
import { N8nInstance, loadWorkflow } from './harness/n8n';

/**
 * n8n's AI Agent with the five action nodes as tools, in a real n8n, against the vendor simulators
 * and a scripted OpenAI-compatible chat model (test/simulators/openai): the model is told about
 * each tool (name, description, parameters), calls every one, and answers from what they returned.
 * The tool catalogue as the model saw it is written to .e2e/ai-agent-tools.md.
 */
const DEMO = path.join(__dirname, '../demo/workflows/6-ai-agent-attention.json');
const WORKFLOW_ID = 'demoAiAttention01';

/**
 * Tool name (n8n derives it from the node's name) → what its description must say: n8n writes it
 * as "<the operation's action> in <the node's default name>" unless the user writes their own.
 */
const TOOLS: Record<string, { product: string; action: RegExp }> = {
	Storage_Issues: { product: 'HPE DSCC', action: /^Get many issues/ },
	Virtual_Machines: { product: 'HPE GreenLake PCBE', action: /^Get many virtual machines/ },
	Bare_Metal_Servers: { product: 'DCImanager', action: /^Get many servers/ },
	Network_Function_Deployments: { product: 'Cisco ESC', action: /^Get many deployments/ },
	Backup_Clients: { product: 'Cloutility', action: /^Get many consumption units/ },
};

describe('AI agents use every action node as a tool, in a real n8n', () => {
	const simulators: Array<RunningSimulator<unknown>> = [];
	let model: ChatModelStandIn;
	let n8n: N8nInstance;
	let run: WorkflowRun;

	beforeAll(async () => {
		const placeholders: Record<string, string> = {};
		const credentials = [];
		for (const vendor of vendors.filter((environment) => environment.key !== chatModelEnvironment.key)) {
			const simulator = await vendor.start({ port: 0 });
			simulators.push(simulator);
			credentials.push(...vendor.credentials(simulator.info));
			Object.assign(placeholders, vendor.placeholders(simulator.info));
		}
		model = await startChatModelStandIn();
		credentials.push(...chatModelEnvironment.credentials({ url: model.url, apiKey: model.apiKey }));
		Object.assign(placeholders, chatModelEnvironment.placeholders({ url: model.url, apiKey: model.apiKey }));

		n8n = await N8nInstance.create({ name: 'ai-agent' });
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows([loadWorkflow(DEMO, placeholders)]);
		run = await n8n.executeWorkflow(WORKFLOW_ID, { timeoutMs: 5 * 60_000 });
		writeToolCatalogue(model.toolsSeen());
	}, 15 * 60_000);

	afterAll(async () => {
		n8n?.cleanup();
		await Promise.all([model?.close(), ...simulators.map((simulator) => simulator.close())]);
	});

	test('the agent run succeeds and its answer comes from the chat model', () => {
		expect({ status: run.status, error: run.errorMessage }).toEqual({ status: 'success', error: undefined });
		const [answer] = run.nodeOutputs['Attention Agent'];
		expect(answer.output).toBe(model.finalAnswer());
	});

	test('the model is offered the five nodes as tools, each said in a sentence naming its action and product, with its parameters', () => {
		const seen = model.toolsSeen();
		expect(seen.map((tool) => tool.name).sort()).toEqual(Object.keys(TOOLS).sort());
		for (const tool of seen) {
			const expected = TOOLS[tool.name];
			expect(tool.description).toMatch(expected.action);
			expect(tool.description).toMatch(new RegExp(` in ${expected.product}$`));
			expect(tool.parameters.properties?.limit).toMatchObject({ type: 'number', description: expect.stringMatching(/to return at most/) });
		}
	});

	test('every tool is called with the arguments the model chose, and its result from the simulator reaches the model', () => {
		const results = model.toolResults();
		expect(results.map((result) => result.tool).sort()).toEqual(Object.keys(TOOLS).sort());
		for (const result of results) {
			expect(result.arguments).toEqual({ limit: 5 });
			const items = JSON.parse(result.content) as unknown;
			const list = Array.isArray(items) ? items : [items];
			// The limit the model chose reached the node: at most 5 items, and at least one from the simulator.
			expect(list.length).toBeGreaterThan(0);
			expect(list.length).toBeLessThanOrEqual(5);
			expect(JSON.stringify(list)).toMatch(/"(id|name)"/);
		}
	});

	test("the agent's final answer is built from every tool's result", () => {
		const [answer] = run.nodeOutputs['Attention Agent'];
		for (const result of model.toolResults()) {
			expect(String(answer.output)).toContain(`- ${result.tool}: `);
		}
		expect(String(answer.output)).not.toMatch(/0 item\(s\)/);
	});
});

function writeToolCatalogue(tools: ChatTool[]): void {
	fs.mkdirSync(E2E_DIR, { recursive: true });
	const lines = ['# Tools as the chat model sees them (test/e2e/ai-agent.test.ts)', ''];
	for (const tool of tools) {
		lines.push(`- \`${tool.name}\`: ${tool.description}`);
		for (const [name, schema] of Object.entries(tool.parameters.properties ?? {})) {
			lines.push(`  - \`${name}\` (${schema.type ?? 'any'}): ${schema.description ?? ''}`);
		}
	}
	fs.writeFileSync(path.join(E2E_DIR, 'ai-agent-tools.md'), lines.join('\n') + '\n');
}
