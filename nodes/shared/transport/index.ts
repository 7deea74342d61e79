export * from './types';
export { apiRequest, DEFAULT_REQUEST_TIMEOUTS, REQUEST_TIMEOUT_PARAMETER, requestTimeoutMs } from './request';
export type { RequestHooks } from './request';
export { fetchPages, offsetEnvelope, DEFAULT_MAX_PAGES, DEFAULT_PAGE_CONCURRENCY } from './pagination';
export type { PageEnvelope, PageSelection } from './pagination';
export { waitForCompletion, AsyncOperationError } from './asyncWait';
export type { AsyncTracker, WaitOptions } from './asyncWait';
export { DEFAULT_RETRY_POLICY, decideRetry, serverRequestedWaitMs } from './retry';
export { readHttpFailure, headerValue } from './failure';
