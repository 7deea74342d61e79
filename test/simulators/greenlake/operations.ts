import type { SimResponse } from '../framework/server';
import type { AsyncWorkPlan, RunningWork, WorkRecord, WorkResourceRef } from '../shared-hpe/asyncWork';
import { AsyncWorkEngine, AsyncWorkFailure, initialWorkRecord } from '../shared-hpe/asyncWork';
import type { GreenLakeContext, Item } from './context';
import { CUSTOMER_ID } from './context';

export const ASYNC_OPERATIONS_PATH = '/data-services/v1beta1/async-operations';

export type ResourceRef = WorkResourceRef;

/** How asynchronous work ends when a test or the demo decides it, instead of its own outcome. */
export type ForcedOutcome = 'FAILED' | 'CANCELLED' | 'TIMEDOUT';

export interface OperationPlan extends AsyncWorkPlan {
	/** The service the operation belongs to, e.g. `private-cloud-business-edition`. */
	service: string;
	/** The resource the request was about (becomes `sourceResourceUri` unless the work produces another). */
	source?: ResourceRef;
	/** Groups operations that may not run side by side (e.g. `software:<systemId>`). */
	lock?: string;
}

export class OperationFailure extends AsyncWorkFailure {}

/**
 * GreenLake async-operations: a write answers 202 with `Location: /data-services/v1beta1/async-operations/{id}`
 * and an empty body; the operation goes INITIALIZED → RUNNING → SUCCEEDED, or FAILED, CANCELLED, TIMEDOUT.
 */
export class OperationEngine extends AsyncWorkEngine<OperationPlan> {
	private readonly forced: Array<{ match: RegExp; outcome: ForcedOutcome; times: number }> = [];
	private readonly durations: Array<{ match: RegExp; durationMs: number }> = [];

	constructor(private readonly context: GreenLakeContext) {
		super(context.random, false);
	}

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
		const record: Item = {
			...initialWorkRecord({ id, type: 'async-operation', resourceUri: `${ASYNC_OPERATIONS_PATH}/${id}`, customerId: CUSTOMER_ID, plan }),
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
		this.track(record, plan, durationMs);
		return record;
	}

	/** Cancels a running operation, as a user can in the GreenLake console. */
	cancel(id: string): boolean {
		const running = this.running.get(id);
		if (!running) return false;
		this.running.delete(id);
		this.end(running.record, 'CANCELLED', 'The operation was cancelled by a user', 'OPERATION_CANCELLED');
		return true;
	}

	protected override finish(running: RunningWork<OperationPlan>): void {
		const { record, plan } = running;
		const forced = this.forced.find((entry) => entry.times > 0 && entry.match.test(plan.displayName));
		if (!forced) {
			super.finish(running);
			return;
		}
		forced.times--;
		const message =
			forced.outcome === 'CANCELLED'
				? 'The operation was cancelled by a user'
				: forced.outcome === 'TIMEDOUT'
					? 'The operation did not finish in time'
					: `${plan.displayName} failed: the hypervisor manager reported an error`;
		this.end(record, forced.outcome, message, forced.outcome === 'FAILED' ? 'OPERATION_FAILED' : `OPERATION_${forced.outcome}`);
	}

	/**
	 * `sourceResourceUri` stays "the resource that was used to initiate the operation" (the data-services
	 * spec): a report's system, a deployed VM's cluster. What the operation made is listed in
	 * `associatedResources`, after the resource it started from.
	 */
	protected override produced(record: WorkRecord): void {
		const associated = record.associatedResources as ResourceRef[];
		const source = associated.filter((ref) => ref.resourceUri === record.sourceResourceUri);
		record.associatedResources = [...source, ...associated.filter((ref) => ref.resourceUri !== record.sourceResourceUri)];
	}
}
