import type { SimResponse } from '../framework/server';
import type { DsccContext, Record } from './context';
import { CUSTOMER_ID, timestamp } from './context';

export interface ResourceRef {
	id: string;
	name?: string;
	type: string;
	resourceUri: string;
}

export interface TaskPlan {
	displayName: string;
	/** The resource the request was about. */
	source?: ResourceRef;
	/**
	 * What the work does when it finishes. Returns the resource created or changed; throws a
	 * `TaskFailure` to make the task fail with that message (e.g. not enough capacity).
	 */
	complete: () => ResourceRef | void;
	durationMs?: number;
}

export class TaskFailure extends Error {
	constructor(
		message: string,
		readonly errorCode = 'OPERATION_FAILED',
	) {
		super(message);
	}
}

interface RunningTask {
	record: Record;
	plan: TaskPlan;
	startedAt: number;
	durationMs: number;
}

/** Asynchronous work as DSCC tracks it: 202 + taskUri, then INITIALIZED → RUNNING → SUCCEEDED / FAILED. */
export class TaskEngine {
	private readonly running = new Map<string, RunningTask>();

	constructor(private readonly context: DsccContext) {}

	/** Starts the work and answers 202 Accepted with the task URI, as DSCC does. */
	accept(plan: TaskPlan): SimResponse {
		const record = this.start(plan);
		return {
			status: 202,
			body: { taskUri: record.resourceUri, status: 'SUBMITTED', message: 'Successfully submitted' },
		};
	}

	start(plan: TaskPlan): Record {
		const id = this.context.random.uuid();
		const now = timestamp();
		const record: Record = {
			id,
			name: plan.displayName,
			type: 'task',
			resourceUri: `/api/v1/tasks/${id}`,
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
			sourceResource: plan.source ?? null,
			childTasks: [],
			parentTask: null,
			error: null,
			recommendations: [],
			userId: 'automation@example.com',
		};
		this.context.add('tasks', record);
		this.running.set(id, { record, plan, startedAt: Date.now(), durationMs: plan.durationMs ?? this.context.options.taskDurationMs });
		return record;
	}

	/** Moves every running task forward to where the clock says it is. Called on each request. */
	advance(): void {
		for (const [id, task] of this.running) {
			const fraction = (Date.now() - task.startedAt) / task.durationMs;
			const record = task.record;
			if (fraction < 1) {
				const state = fraction < 0.1 ? 'INITIALIZED' : 'RUNNING';
				const progress = Math.min(99, Math.floor(fraction * 100));
				if (state !== record.state || progress - (record.progressPercent as number) >= 10) {
					record.state = state;
					record.progressPercent = progress;
					record.updatedAt = timestamp();
					record.generation = (record.generation as number) + 1;
				}
				continue;
			}
			this.running.delete(id);
			this.finish(task);
		}
	}

	private finish(task: RunningTask): void {
		const record = task.record;
		const now = timestamp();
		const logs = record.logMessages as Record[];
		try {
			const result = task.plan.complete();
			if (result) {
				const others = (record.associatedResources as ResourceRef[]).filter((ref) => ref.resourceUri !== result.resourceUri);
				record.associatedResources = [result, ...others];
			}
			record.state = 'SUCCEEDED';
			logs.push({ message: `${task.plan.displayName} completed`, timestamp: now });
		} catch (error) {
			const failure = error instanceof TaskFailure ? error : new TaskFailure((error as Error).message, 'INTERNAL_ERROR');
			record.state = 'FAILED';
			record.healthStatus = 'ERROR';
			record.error = { error: failure.message, errorCode: failure.errorCode, traceId: this.context.random.hex(32) };
			logs.push({ message: failure.message, timestamp: now });
		}
		record.progressPercent = 100;
		record.endedAt = now;
		record.updatedAt = now;
		record.generation = (record.generation as number) + 1;
	}
}
