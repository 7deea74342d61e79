import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { RequestContext } from './types';

/** How to follow one vendor's asynchronous operation (DSCC task, GreenLake async-operation, ...). */
export interface AsyncTracker {
	/** e.g. `task "Create volume vol-1"`: used in messages. */
	describe(task: IDataObject): string;
	fetch(): Promise<IDataObject>;
	state(task: IDataObject): string;
	succeeded(state: string): boolean;
	/** Terminal states other than success: the operation failed, timed out or was cancelled. */
	failed(state: string): boolean;
	/** The vendor's own explanation of a failure. */
	failureReason(task: IDataObject): string | undefined;
	suggestedIntervalSeconds(task: IDataObject): number | undefined;
}

export interface WaitOptions {
	timeoutSeconds: number;
	defaultIntervalSeconds?: number;
	minIntervalSeconds?: number;
	maxIntervalSeconds?: number;
	itemIndex?: number;
}

/** Thrown when the operation ended badly or did not end in time; carries the last task seen. */
export class AsyncOperationError extends NodeOperationError {
	constructor(
		ctx: RequestContext,
		message: string,
		readonly task: IDataObject,
		description: string,
		itemIndex?: number,
	) {
		super(ctx.getNode(), message, { description, itemIndex });
	}
}

/** Polls until the operation reaches a terminal state, then returns it; throws when it fails or times out. */
export async function waitForCompletion(
	ctx: RequestContext,
	tracker: AsyncTracker,
	options: WaitOptions,
): Promise<IDataObject> {
	const { timeoutSeconds, defaultIntervalSeconds = 5, minIntervalSeconds = 1, maxIntervalSeconds = 60 } = options;
	const deadline = Date.now() + timeoutSeconds * 1000;
	for (;;) {
		const task = await tracker.fetch();
		const state = tracker.state(task);
		if (tracker.succeeded(state)) return task;
		if (tracker.failed(state)) {
			const reason = tracker.failureReason(task);
			const message = `The ${tracker.describe(task)} ended in state ${state}${reason ? `: ${reason}` : ''}`;
			// The description repeats the message: n8n's CLI and logs show only the description.
			throw new AsyncOperationError(
				ctx,
				message,
				task,
				`${message}. The operation was accepted but did not complete. The task output shows what happened.`,
				options.itemIndex,
			);
		}
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) {
			const message = `The ${tracker.describe(task)} is still ${state} after ${timeoutSeconds} seconds`;
			throw new AsyncOperationError(
				ctx,
				message,
				task,
				`${message}. It goes on running. Raise "Timeout (Seconds)", or check on it later with the task ID.`,
				options.itemIndex,
			);
		}
		const suggested = tracker.suggestedIntervalSeconds(task) ?? defaultIntervalSeconds;
		const intervalSeconds = Math.min(maxIntervalSeconds, Math.max(minIntervalSeconds, suggested));
		await sleep(Math.min(intervalSeconds * 1000, remainingMs));
	}
}
