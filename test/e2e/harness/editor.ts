import * as fs from 'node:fs';
import * as path from 'node:path';

import type { BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { vendors } from '../../harness/vendors';
import type { RunningSimulator, VendorEnvironment } from '../../harness/vendors';
import { E2E_DIR } from './build';
import type { CredentialImport, N8nServer, OwnerAccount } from './n8n';
import { N8nInstance, newOwnerAccount } from './n8n';
import { freePort, waitFor } from './processes';

/** Debian's Chromium (`apt-get install -y chromium`; test/harness/test-all.sh installs it). */
export const CHROMIUM_PATH = process.env.EDITOR_CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every panel the check looked at (git-ignored test artifacts). */
export const SCREENSHOT_DIR = path.join(E2E_DIR, 'editor');

/**
 * Flags for a headless Chromium on a closed network: without the background-networking ones,
 * Chromium's own connection attempts are refused and disturb the page's.
 */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const NO_ANIMATIONS = `addEventListener('DOMContentLoaded', () => {
	const style = document.createElement('style');
	style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
	document.head.appendChild(style);
});`;

/** How long the editor may take for one step (a dropdown to open, a list to load). */
const STEP_TIMEOUT_MS = 15_000;

/**
 * Everything the editor check runs against: every registered vendor's simulator, a real n8n with
 * the packed package installed and the vendors' credentials imported, an owner signed in, and one
 * Chromium page.
 */
export class EditorSession {
	readonly consoleErrors: string[] = [];

	private constructor(
		readonly n8n: N8nInstance,
		readonly server: N8nServer,
		readonly owner: OwnerAccount,
		readonly credentials: CredentialImport[],
		/** The vendor whose simulator each credential (by ID) points at. */
		private readonly credentialVendors: Map<string, VendorEnvironment>,
		private readonly simulators: Array<RunningSimulator<unknown>>,
		readonly context: BrowserContext,
		readonly page: Page,
	) {
		page.on('console', (message) => {
			// A failed load is recorded with its request below; the console names no URL.
			if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
				this.consoleErrors.push(message.text());
		});
		page.on('response', (response) => {
			if (response.status() < 500) return;
			const request = response.request();
			const method = /"methodName":"([^"]+)"/.exec(request.postData() ?? '')?.[1];
			const failure = `HTTP ${response.status()} from ${request.method()} ${new URL(response.url()).pathname}${method ? ` (${method})` : ''}`;
			this.consoleErrors.push(failure);
			// n8n answers with the node's error message: keep it beside the request.
			void response.text().then(
				(body) => {
					const index = this.consoleErrors.indexOf(failure);
					if (index >= 0) this.consoleErrors[index] = `${failure}: ${body.slice(0, 300)}`;
				},
				() => undefined,
			);
		});
		page.on('pageerror', (error) => this.consoleErrors.push(error.message));
		// A reload with unsaved changes asks before leaving; the check always leaves.
		page.on('dialog', (dialog) => void dialog.accept());
	}

	/** The credential of `type` a node of `nodeType` uses: its own vendor's, else the first of the type. */
	credentialFor(nodeType: string, type: string): CredentialImport | undefined {
		const shortName = nodeType.replace(/^.*\./, '');
		const ofType = this.credentials.filter((credential) => credential.type === type);
		return (
			ofType.find((credential) => this.credentialVendors.get(credential.id)?.nodeTypes.includes(shortName)) ?? ofType[0]
		);
	}

	/**
	 * The credentials whose editor test is checked: those of the first vendor that has the type (a
	 * type shared by vendors is one credential test, against that vendor's simulator).
	 */
	credentialsToTest(type: string): CredentialImport[] {
		const ofType = this.credentials.filter((credential) => credential.type === type);
		const owner = ofType[0] && this.credentialVendors.get(ofType[0].id);
		return ofType.filter((credential) => this.credentialVendors.get(credential.id) === owner);
	}

	static async start(): Promise<EditorSession> {
		if (!fs.existsSync(CHROMIUM_PATH)) {
			throw new Error(
				`No Chromium at ${CHROMIUM_PATH}. Install Debian's package (as root: apt-get update && apt-get install -y chromium), or run npm test, which does.`,
			);
		}
		fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		const simulators: Array<RunningSimulator<unknown>> = [];
		let n8n: N8nInstance | undefined;
		let server: N8nServer | undefined;
		let context: BrowserContext | undefined;
		let started = false;
		try {
			const credentials: CredentialImport[] = [];
			const credentialVendors = new Map<string, VendorEnvironment>();
			for (const vendor of vendors) {
				const simulator = await vendor.start({ port: await freePort() });
				simulators.push(simulator);
				for (const credential of vendor.credentials(simulator.info)) {
					credentials.push(credential);
					credentialVendors.set(credential.id, vendor);
				}
			}
			n8n = await N8nInstance.create({ name: 'editor' });
			await n8n.importCredentials(credentials);
			server = await n8n.startServer();
			const owner = newOwnerAccount();
			await server.setupOwner(owner);
			const userDataDir = fs.mkdtempSync(path.join(n8n.userFolder, 'chromium-'));
			context = await chromium.launchPersistentContext(userDataDir, {
				executablePath: CHROMIUM_PATH,
				headless: true,
				args: CHROMIUM_ARGS,
				viewport: { width: 1440, height: 1000 },
			});
			context.setDefaultTimeout(STEP_TIMEOUT_MS);
			// Dropdowns and panels without their fade-in: the same end state, without waiting for it.
			await context.addInitScript({ content: NO_ANIMATIONS });
			// The same sign-in the login form does; the cookie lands in the browser.
			const login = await context.request.post(`${server.url}/rest/login`, {
				data: { emailOrLdapLoginId: owner.email, password: owner.password },
			});
			if (!login.ok()) throw new Error(`Browser sign-in failed: HTTP ${login.status()}`);
			const page = context.pages()[0] ?? (await context.newPage());
			const session = new EditorSession(n8n, server, owner, credentials, credentialVendors, simulators, context, page);
			started = true;
			return session;
		} finally {
			if (!started) {
				// Nothing may outlive a failed start (jest would wait for it forever).
				await context?.close().catch(() => undefined);
				await server?.stop();
				for (const simulator of simulators) await simulator.close();
				n8n?.cleanup();
			}
		}
	}

	async stop(): Promise<void> {
		await this.context?.close().catch(() => undefined);
		await this.server?.stop();
		for (const simulator of this.simulators) await simulator.close();
		this.n8n?.cleanup();
	}

	/** Console errors logged since the last call. */
	takeConsoleErrors(): string[] {
		return this.consoleErrors.splice(0);
	}

	async screenshot(name: string): Promise<string> {
		const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}
}

/** Texts n8n shows when a parameter, a list or the panel failed to load. */
const LOAD_FAILURE =
	/Could not load|Error fetching options|Error loading fields|Set up credential to see options|Check your credential|Add your credential/;

/** The parameter panel of the open node (n8n's node details view, "NDV"). */
export class NodePanel {
	constructor(private readonly page: Page) {}

	get ndv(): Locator {
		return this.page.locator('[data-test-id="ndv"]');
	}

	get parameters(): Locator {
		return this.ndv.locator('[data-test-id="node-parameters"]');
	}

	/** Opens a workflow with the node's panel open (the editor's `/workflow/<id>/<node id>` URL). */
	async open(baseUrl: string, workflowId: string, nodeId: string): Promise<void> {
		// The first load of the editor's bundles takes a while on a busy machine.
		await this.page.goto(`${baseUrl}/workflow/${workflowId}/${nodeId}`, { timeout: 90_000 });
		await this.parameters.waitFor({ timeout: 90_000 });
	}

	async title(): Promise<string> {
		return (await this.ndv.locator('[data-test-id="node-title-container"]').innerText()).trim();
	}

	async selectedOption(parameter: string): Promise<string> {
		return await this.parameters
			.locator(`[data-test-id="parameter-input-${parameter}"] input`)
			.first()
			.inputValue();
	}

	/** Picks an option of a dropdown parameter by its label, as a user does. */
	async pick(parameter: string, label: string): Promise<void> {
		if ((await this.selectedOption(parameter)) === label) return;
		await this.parameters.locator(`[data-test-id="parameter-input-${parameter}"] input`).first().click();
		await this.visibleDropdown()
			.locator('.el-select-dropdown__item')
			.getByText(label, { exact: true })
			.first()
			.click();
		await this.page.waitForFunction(
			({ name, expected }) =>
				// eslint-disable-next-line @typescript-eslint/no-explicit-any
				((globalThis as any).document
					.querySelector(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"] input`)
					?.value as string | undefined) === expected,
			{ name: parameter, expected: label },
		);
	}

	private visibleDropdown(): Locator {
		return this.page.locator('.el-select-dropdown:visible, .el-popper:visible .el-select-dropdown');
	}

	/** Names of the parameters shown right now, in the panel's order. */
	async shownParameters(): Promise<string[]> {
		const ids = await this.parameters
			.locator('[data-test-id^="parameter-input-"], [data-test-id^="resource-locator-"]')
			.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-test-id') ?? ''));
		return ids.map((id) => id.replace(/^(parameter-input|resource-locator)-/, ''));
	}

	/** The resource locators the panel shows (a parameter of the same name may be plain text elsewhere, e.g. an ID the user chooses on Create). */
	async shownLocators(): Promise<string[]> {
		const ids = await this.parameters
			.locator('[data-test-id^="resource-locator-"]')
			.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-test-id') ?? ''));
		return ids.map((id) => id.replace(/^resource-locator-/, ''));
	}

	/**
	 * Opens a resource locator's list, waits for the list search to answer and picks the first
	 * item (a later list may depend on it). Returns what the list showed.
	 */
	async searchList(parameter: string): Promise<{ items: string[]; error?: string }> {
		const locator = this.parameters.locator(`[data-test-id="resource-locator-${parameter}"]`).first();
		const mode = locator.locator('[data-test-id="rlc-mode-selector"] input');
		if ((await mode.count()) > 0 && (await mode.inputValue()) !== 'From list') {
			await mode.click();
			await this.visibleDropdown()
				.locator('.el-select-dropdown__item')
				.getByText('From list', { exact: true })
				.first()
				.click();
		}
		await locator.locator('[data-test-id="rlc-input"]').click();
		const items = locator.locator('[data-test-id="rlc-item"]');
		const failure = locator.locator('[data-test-id="rlc-error-container"]');
		const empty = locator.getByText('No results', { exact: true });
		await items.first().or(failure).or(empty).first().waitFor();
		if (await failure.isVisible()) {
			const error = (await failure.innerText()).replace(/\s+/g, ' ').trim();
			await this.page.keyboard.press('Escape');
			return { items: [], error };
		}
		const texts = (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
		if (texts.length > 0) await items.first().click();
		else await this.page.keyboard.press('Escape');
		return { items: texts };
	}

	/**
	 * Opens a dropdown whose options load live, waits for them and picks the first (a later
	 * dropdown may depend on it). Returns what it offered.
	 */
	async loadOptions(parameter: string): Promise<{ items: string[]; error?: string }> {
		const field = this.parameters.locator(`[data-test-id="parameter-input-${parameter}"]`).first();
		// The dropdown stays disabled while its options load; a multi-select's tag input sits on top
		// of its first input, so the click goes to the select itself.
		await waitFor(
			`the options of ${parameter} to load`,
			async () => ((await field.locator('input[disabled]').count()) === 0 ? true : undefined),
			{ timeoutMs: STEP_TIMEOUT_MS, intervalMs: 100 },
		);
		await field.locator('.el-select').first().click();
		const dropdown = this.visibleDropdown();
		await dropdown.first().waitFor();
		await this.page
			.getByText('Loading options...', { exact: true })
			.waitFor({ state: 'hidden' })
			.catch(() => undefined);
		const panelText = await field.innerText();
		const items = dropdown.locator('.el-select-dropdown__item');
		const texts = (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
		const error = LOAD_FAILURE.exec(`${panelText}\n${texts.join('\n')}`)?.[0];
		if (!error && texts.length > 0) await items.first().click();
		await this.page.keyboard.press('Escape');
		return { items: error ? [] : texts, error };
	}

	/** Load failures the panel shows as text, and the error notifications on screen. */
	async problems(): Promise<string[]> {
		const found: string[] = [];
		const text = await this.parameters.innerText();
		for (const line of text.split('\n')) if (LOAD_FAILURE.test(line)) found.push(line.trim());
		const notifications = this.page.locator('.el-notification:visible');
		for (const notification of await notifications.all()) {
			const isError = (await notification.locator('.el-notification--error').count()) > 0;
			const message = (await notification.innerText()).replace(/\s+/g, ' ').trim();
			if (isError || /error|problem|could not/i.test(message)) found.push(`notification: ${message}`);
		}
		return found;
	}
}
