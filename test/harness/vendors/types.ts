import type { CredentialImport } from '../../e2e/harness/n8n';

/** A vendor simulator running for the demo, `npm run simulators` or the editor check. */
export interface RunningSimulator<Info> {
	/** Plain values (addresses, logins): printed by `npm run simulators`, read back by the demo. */
	info: Info;
	close(): Promise<void>;
}

/**
 * One vendor as the test harness knows it: how to start its simulator, and the credentials and
 * workflow placeholders that point n8n at it. Adding a vendor = one file here plus one line in
 * `index.ts`; the demo, `npm run simulators` and the editor check pick it up from there.
 */
export interface VendorEnvironment<Info = Record<string, unknown>> {
	/** Short key, e.g. `dscc`. */
	key: string;
	/** What the simulator stands in for, as users know it. */
	displayName: string;
	/** Environment variable that fixes the simulator's port in the demo, and its default there. */
	portVariable: string;
	defaultPort: number;
	start(options: { port: number }): Promise<RunningSimulator<Info>>;
	/** Credentials as a user would fill them in, pointing at the simulator (stable IDs and names). */
	credentials(info: Info): CredentialImport[];
	/** `{{NAME}}` placeholders the vendor's workflow JSON files use, e.g. `DSCC_URL`. */
	placeholders(info: Info): Record<string, string>;
	/**
	 * The package's node types (short names, e.g. `hpeDscc`) that use this vendor's credentials, for
	 * when several vendors share a credential type (DSCC and GreenLake PCBE).
	 */
	nodeTypes: string[];
	/** Demo workflow IDs to activate on start (triggers). */
	activeDemoWorkflows?: string[];
}
