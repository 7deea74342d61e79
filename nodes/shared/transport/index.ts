export * from './types';
export { apiRequest } from './request';
export { fetchPages, offsetEnvelope, DEFAULT_MAX_PAGES } from './pagination';
export type { PageEnvelope, PageSelection } from './pagination';
export { waitForCompletion, AsyncOperationError } from './asyncWait';
export type { AsyncTracker, WaitOptions } from './asyncWait';
export { DEFAULT_RETRY_POLICY, decideRetry, serverRequestedWaitMs } from './retry';
export { readHttpFailure, headerValue } from './failure';
