import type { SimResponse } from '../framework/server';
import type { AsyncWorkPlan } from '../shared-hpe/asyncWork';
import { AsyncWorkEngine, AsyncWorkFailure, initialWorkRecord } from '../shared-hpe/asyncWork';
import type { DsccContext, Record } from './context';
import { CUSTOMER_ID } from './context';

export interface ResourceRef {
	id: string;
	name?: string;
	type: string;
	resourceUri: string;
}

export interface TaskPlan extends AsyncWorkPlan {
	source?: ResourceRef;
	/**
	 * What the work does when it finishes. Returns the resource created or changed; throws a
	 * `TaskFailure` to make the task fail with that message (e.g. not enough capacity).
	 */
	complete: () => ResourceRef | void;
}

export class TaskFailure extends AsyncWorkFailure {}

/** Asynchronous work as DSCC tracks it: 202 + taskUri, then INITIALIZED → RUNNING → SUCCEEDED / FAILED. */
export class TaskEngine extends AsyncWorkEngine<TaskPlan> {
	constructor(private readonly context: DsccContext) {
		super(context.random, true);
	}

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
		const record: Record = {
			...initialWorkRecord({ id, type: 'task', resourceUri: `/api/v1/tasks/${id}`, customerId: CUSTOMER_ID, plan }),
			sourceResource: plan.source ?? null,
			childTasks: [],
			parentTask: null,
			error: null,
			recommendations: [],
			userId: 'automation@example.com',
		};
		this.context.add('tasks', record);
		this.track(record, plan, plan.durationMs ?? this.context.options.taskDurationMs);
		return record;
	}
}
