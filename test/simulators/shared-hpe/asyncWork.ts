/**
 * HPE asynchronous work as DSCC (tasks) and the GreenLake data services (async operations) track it:
 * the same record shape, INITIALIZED → RUNNING on the clock, then SUCCEEDED or FAILED with an error.
 */

export type WorkRecord = { [key: string]: unknown };

/** A resource the work is about or produced, as listed in `associatedResources`. */
export interface WorkResourceRef {
	name?: string;
	type: string;
	resourceUri: string;
}

export interface AsyncWorkPlan {
	displayName: string;
	/** The resource the request was about. */
	source?: WorkResourceRef;
	/**
	 * What the work does when it finishes. Returns the resources it created or changed; throws an
	 * `AsyncWorkFailure` to make the work fail with that message (e.g. not enough capacity).
	 */
	complete: () => WorkResourceRef[] | WorkResourceRef | void;
	durationMs?: number;
}

export class AsyncWorkFailure extends Error {
	constructor(
		message: string,
		readonly errorCode = 'OPERATION_FAILED',
	) {
		super(message);
	}
}

export interface RunningWork<Plan extends AsyncWorkPlan> {
	record: WorkRecord;
	plan: Plan;
	startedAt: number;
	durationMs: number;
}

/** Timestamps as HPE writes them: second precision, UTC. */
function timestamp(): string {
	return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The fields a task or async operation starts with, up to `associatedResources`; the vendor adds its own after. */
export function initialWorkRecord(work: { id: string; type: string; resourceUri: string; customerId: string; plan: AsyncWorkPlan }): WorkRecord {
	const now = timestamp();
	const { plan } = work;
	return {
		id: work.id,
		name: plan.displayName,
		type: work.type,
		resourceUri: work.resourceUri,
		customerId: work.customerId,
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
	};
}

/** Runs work on the clock: each request moves it forward; when its time is up it completes or fails. */
export abstract class AsyncWorkEngine<Plan extends AsyncWorkPlan> {
	protected readonly running = new Map<string, RunningWork<Plan>>();

	constructor(
		private readonly random: { hex(length: number): string },
		/** Whether failed work shows 100 % progress (DSCC) or the progress it had reached (GreenLake). */
		private readonly failedWorkShowsFullProgress: boolean,
	) {}

	protected track(record: WorkRecord, plan: Plan, durationMs: number): void {
		this.running.set(String(record.id), { record, plan, startedAt: Date.now(), durationMs });
	}

	/** Moves all running work forward to where the clock says it is. Called on each request. */
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

	protected finish(running: RunningWork<Plan>): void {
		const { record, plan } = running;
		try {
			const result = plan.complete();
			const produced = result === undefined ? [] : Array.isArray(result) ? result : [result];
			if (produced.length > 0) {
				const others = (record.associatedResources as WorkResourceRef[]).filter(
					(ref) => !produced.some((made) => made.resourceUri === ref.resourceUri),
				);
				record.associatedResources = [...produced, ...others];
				this.produced?.(record, produced);
			}
			(record.logMessages as WorkRecord[]).push({ message: `${plan.displayName} completed`, timestamp: timestamp() });
			this.end(record, 'SUCCEEDED');
		} catch (error) {
			const failure = error instanceof AsyncWorkFailure ? error : new AsyncWorkFailure((error as Error).message, 'INTERNAL_ERROR');
			this.end(record, 'FAILED', failure.message, failure.errorCode);
		}
	}

	/** What a vendor records besides `associatedResources` about the resources finished work produced. */
	protected produced?(record: WorkRecord, resources: WorkResourceRef[]): void;

	/** Ends work in `state`; with a message it failed, and says why in `error` and the log. */
	protected end(record: WorkRecord, state: string, message?: string, errorCode = 'OPERATION_FAILED'): void {
		const now = timestamp();
		record.state = state;
		if (state === 'SUCCEEDED' || this.failedWorkShowsFullProgress) record.progressPercent = 100;
		record.endedAt = now;
		if (message !== undefined) {
			record.healthStatus = 'ERROR';
			record.error = { error: message, errorCode, traceId: this.random.hex(32) };
			(record.logMessages as WorkRecord[]).push({ message, timestamp: now });
		}
		this.touch(record, now);
	}

	private touch(record: WorkRecord, now = timestamp()): void {
		record.updatedAt = now;
		record.generation = (record.generation as number) + 1;
	}
}
