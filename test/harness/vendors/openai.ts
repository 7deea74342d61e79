import { startChatModelStandIn } from '../../simulators/openai';
import type { VendorEnvironment } from './types';

interface ChatModelInfo {
	url: string;
	apiKey: string;
}

/**
 * Not a vendor of ours: the OpenAI-compatible chat model the AI agent demo workflow talks to, a
 * scripted stand-in (test/simulators/openai) so the demo and its test run with no account and no
 * network. Point the "OpenAI (local stand-in)" credential at OpenAI to ask a real model.
 */
export const chatModelEnvironment: VendorEnvironment<ChatModelInfo> = {
	key: 'openai',
	displayName: 'OpenAI-compatible chat model (scripted stand-in)',
	portVariable: 'OPENAI_SIM_PORT',
	defaultPort: 18086,
	nodeTypes: [],
	start: async ({ port }) => {
		const model = await startChatModelStandIn({ port });
		return { info: { url: model.url, apiKey: model.apiKey }, close: () => model.close() };
	},
	credentials: (info) => [
		{ id: 'demoOpenAiCred01', name: 'OpenAI (local stand-in)', type: 'openAiApi', data: { apiKey: info.apiKey, url: info.url } },
	],
	placeholders: (info) => ({ OPENAI_URL: info.url }),
};
