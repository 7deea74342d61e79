import type { CredentialImport } from '../../e2e/harness/n8n';

/** What the simulator process tells the driver: addresses and logins, all plain strings. */
export type SimulatorInfo = Record<string, string>;

/** A request as the simulator logged it: enough to tell logins from API calls. */
export interface LoggedRequest {
	method: string;
	path: string;
}

/** A vendor simulator seeded for the bench, as its own process runs it. */
export interface BenchSimulator {
	info: SimulatorInfo;
	/** How many items the listing under test returns (the seed may round the number asked for). */
	items: number;
	requests(): LoggedRequest[];
	/** Delays every response by this much (0: none), as a distant API would. */
	setDelay(delayMs: number): void;
	close(): Promise<void>;
}

/** A workflow the bench runs, and the nodes whose execution time counts as the listing's. */
export interface BenchWorkflow {
	id: string;
	/** Nodes whose execution times add up to the listing's wall time. */
	measuredNodes: string[];
	/** The node whose output items are the listed items. */
	outputNode: string;
}

/**
 * One vendor's largest listing, benchmarked three ways: this package's node and n8n's HTTP Request
 * node (with our credential as a predefined credential) inside the same real n8n, and a minimal
 * hand-written client. Workflows live in `test/bench/workflows/<key>/` with `{{PLACEHOLDER}}`s.
 */
export interface BenchTarget {
	/** Short key, as BENCH_VENDORS takes it (e.g. `dscc`). */
	key: string;
	/** The product and the listing, as a heading: "HPE DSCC: Return All of volumes". */
	title: string;
	/** What the items are, plural ("volumes"). */
	itemsLabel: string;
	/** How many items to seed unless BENCH_ITEMS says otherwise. */
	defaultItems: number;
	/** Starts the seeded simulator; runs in the simulator's own process (test/bench/simulator-process.ts). */
	startSimulator(items: number): Promise<BenchSimulator>;
	/** Whether a logged request is a sign-in (token, login), not an API call. */
	isLogin(request: LoggedRequest): boolean;
	credential(info: SimulatorInfo): CredentialImport;
	placeholders(info: SimulatorInfo): Record<string, string>;
	ourNode: BenchWorkflow;
	httpRequestNode: BenchWorkflow;
	/** A script in test/bench/clients/ that prints `{"items": N, "ms": T}`, and its arguments. */
	minimalClient: { script: string; args(info: SimulatorInfo): string[] };
}
