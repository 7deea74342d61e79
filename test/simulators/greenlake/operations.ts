import type { SimResponse } from '../framework/server';
import type { GreenLakeContext, Item } from './context';
import { CUSTOMER_ID, timestamp } from './context';

export const ASYNC_OPERATIONS_PATH = '/data-services/v1beta1/async-operations';

export interface ResourceRef {
	name?: string;
	type: string;
	resourceUri: string;
}

/** How asynchronous work ends when a test or the demo decides it, instead of its own outcome. */
export type ForcedOutcome = 'FAILED' | 'CANCELLED' | 'TIMEDOUT';

export interface OperationPlan {
	displayName: string;
	/** The service the operation belongs to, e.g. `private-cloud-business-edition`. */
	service: string;
	/** The resource the request was about (becomes `sourceResourceUri` unless the work produces another). */
	source?: ResourceRef;
	/** Groups operations that may not run side by side (e.g. `software:<systemId>`). */
	lock?: string;
	/**
	 * What the work does when it finishes. Returns the resources it created or changed; throws an
	 * `OperationFailure` to make the operation fail with that message.
	 */
	complete: () => ResourceRef[] | ResourceRef | void;
	durationMs?: number;
}

export class OperationFailure extends Error {
	constructor(
		message: string,
		readonly errorCode = 'OPERATION_FAILED',
	) {
		super(message);
	}
}

interface Running {
	record: Item;
	plan: OperationPlan;
	startedAt: number;
	durationMs: number;
}

/**
 * GreenLake async-operations: a write answers 202 with `Location: /data-services/v1beta1/async-operations/{id}`
 * and an empty body; the operation goes INITIALIZED → RUNNING → SUCCEEDED, or FAILED, CANCELLED, TIMEDOUT.
 */
export class OperationEngine {
	private readonly running = new Map<string, Running>();
	private readonly forced: Array<{ match: RegExp; outcome: ForcedOutcome; times: number }> = [];
	private readonly durations: Array<{ match: RegExp; durationMs: number }> = [];

	constructor(private readonly context: GreenLakeContext) {}

	/** Makes the next `times` operations whose display name matches end with `outcome`. */
	force(match: RegExp, outcome: ForcedOutcome, times = 1): void {
		this.forced.push({ match, outcome, times });
	}

	/** Makes operations whose display name matches run this long (e.g. to meet one still running). */
	setDuration(match: RegExp, durationMs: number): void {
		this.durations.unshift({ match, durationMs });
	}

	clearForced(): void {
		this.forced.length = 0;
		this.durations.length = 0;
	}

	/** Lets a running operation finish at the next request, whatever its duration. */
	finishNow(id: string): void {
		const running = this.running.get(id);
		if (running) running.durationMs = 0;
	}

	/** Whether an operation holding this lock is still running. */
	isLocked(lock: string): Item | undefined {
		return [...this.running.values()].find((running) => running.plan.lock === lock)?.record;
	}

	accept(plan: OperationPlan): SimResponse {
		const record = this.start(plan);
		return { status: 202, body: {}, headers: { location: String(record.resourceUri) } };
	}

	start(plan: OperationPlan): Item {
		const id = this.context.random.uuid();
		const now = timestamp();
		const record: Item = {
			id,
			name: plan.displayName,
			type: 'async-operation',
			resourceUri: `${ASYNC_OPERATIONS_PATH}/${id}`,
			customerId: CUSTOMER_ID,
			generation: 1,
			displayName: plan.displayName,
			state: 'INITIALIZED',
			healthStatus: 'OK',
			progressPercent: 0,
			createdAt: now,
			updatedAt: now,
			startedAt: now,
			endedAt: null,
			estimatedRunningDurationMinutes: 1,
			suggestedPollingIntervalSeconds: 1,
			logMessages: [{ message: `${plan.displayName} submitted`, timestamp: now }],
			associatedResources: plan.source ? [plan.source] : [],
			sourceResourceUri: plan.source?.resourceUri ?? null,
			services: [plan.service],
			parent: null,
			rootOperation: null,
			hasChildOperations: false,
			subtreeOperationCount: 0,
			error: null,
			recommendations: [],
			groups: [],
			userId: 'automation@example.com',
		};
		this.context.add('asyncOperations', record);
		const durationMs =
			this.durations.find((entry) => entry.match.test(plan.displayName))?.durationMs ?? plan.durationMs ?? this.context.options.operationDurationMs;
		this.running.set(id, { record, plan, startedAt: Date.now(), durationMs });
		return record;
	}

	/** Moves every running operation forward to where the clock says it is. Called on each request. */
	advance(): void {
		for (const [id, running] of this.running) {
			const fraction = (Date.now() - running.startedAt) / running.durationMs;
			const record = running.record;
			if (fraction < 1) {
				const state = fraction < 0.1 ? 'INITIALIZED' : 'RUNNING';
				const progress = Math.min(99, Math.floor(fraction * 100));
				if (state !== record.state || progress - (record.progressPercent as number) >= 10) {
					record.state = state;
					record.progressPercent = progress;
					this.touch(record);
				}
				continue;
			}
			this.running.delete(id);
			this.finish(running);
		}
	}

	/** Cancels a running operation, as a user can in the GreenLake console. */
	cancel(id: string): boolean {
		const running = this.running.get(id);
		if (!running) return false;
		this.running.delete(id);
		this.end(running.record, 'CANCELLED', 'The operation was cancelled by a user', 'OPERATION_CANCELLED');
		return true;
	}

	private finish(running: Running): void {
		const { record, plan } = running;
		const forced = this.forced.find((entry) => entry.times > 0 && entry.match.test(plan.displayName));
		if (forced) {
			forced.times--;
			const message =
				forced.outcome === 'CANCELLED'
					? 'The operation was cancelled by a user'
					: forced.outcome === 'TIMEDOUT'
						? 'The operation did not finish in time'
						: `${plan.displayName} failed: the hypervisor manager reported an error`;
			this.end(record, forced.outcome, message, forced.outcome === 'FAILED' ? 'OPERATION_FAILED' : `OPERATION_${forced.outcome}`);
			return;
		}
		try {
			const result = plan.complete();
			const produced = result === undefined ? [] : Array.isArray(result) ? result : [result];
			if (produced.length > 0) {
				const others = (record.associatedResources as ResourceRef[]).filter(
					(ref) => !produced.some((made) => made.resourceUri === ref.resourceUri),
				);
				record.associatedResources = [...produced, ...others];
				if (produced.length === 1) record.sourceResourceUri = produced[0].resourceUri;
			}
			(record.logMessages as Item[]).push({ message: `${plan.displayName} completed`, timestamp: timestamp() });
			this.end(record, 'SUCCEEDED');
		} catch (error) {
			const failure = error instanceof OperationFailure ? error : new OperationFailure((error as Error).message, 'INTERNAL_ERROR');
			this.end(record, 'FAILED', failure.message, failure.errorCode);
		}
	}

	private end(record: Item, state: string, message?: string, errorCode?: string): void {
		const now = timestamp();
		record.state = state;
		record.progressPercent = state === 'SUCCEEDED' ? 100 : record.progressPercent;
		record.endedAt = now;
		if (message !== undefined) {
			record.healthStatus = 'ERROR';
			record.error = { error: message, errorCode: errorCode ?? 'OPERATION_FAILED', traceId: this.context.random.hex(32) };
			(record.logMessages as Item[]).push({ message, timestamp: now });
		}
		this.touch(record);
	}

	private touch(record: Item): void {
		record.updatedAt = timestamp();
		record.generation = (record.generation as number) + 1;
	}
}
