import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { HttpFailure } from './failure';

/** Every n8n context our nodes make requests from. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What a vendor's error body says, in vendor-neutral terms. */
export interface VendorErrorDetails {
	message?: string;
	code?: string;
	traceId?: string;
}

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Total time all waits of one request may add up to. */
	maxTotalWaitMs: number;
	/** First backoff wait when the server gives no hint; doubles each retry. */
	baseDelayMs: number;
	/** No single wait is longer than this. */
	maxDelayMs: number;
}

/** How one vendor's API is reached: everything the shared transport needs to know about it. */
export interface VendorApi {
	/** The product as users know it, used in every error message. */
	productName: string;
	credentialType: string;
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	readError(body: unknown): VendorErrorDetails;
	/** Options added to every request, e.g. TLS settings from the credential. */
	requestDefaults?(credentials: ICredentialDataDecryptedObject): Partial<IHttpRequestOptions>;
	/** What to tell the user when the credential is refused. */
	credentialHint: string;
	/**
	 * The credential's option that accepts a self-signed certificate (appliances the user runs);
	 * absent for cloud services, whose certificate is public.
	 */
	selfSignedOption?: string;
	retry?: Partial<RetryPolicy>;
	/** How long one request may take, per kind of call; see DEFAULT_REQUEST_TIMEOUTS. */
	timeouts?: Partial<RequestTimeouts>;
	/**
	 * How to find out whether a change went through when its request got no answer, e.g. which
	 * list shows the vendor's tasks. Shown when a POST timed out or its connection dropped.
	 */
	unknownOutcomeHint?: string;
	/**
	 * For APIs that do not speak JSON (ESC speaks XML): the media type sent as Accept, and as
	 * Content-Type with a text body, unless the request sets its own.
	 */
	mediaType?: string;
	/** Reads a text response body (success or error) in that media type; the text is kept as `rawBody`. */
	parseBody?(text: string, invalidUtf8?: boolean): unknown;
	/**
	 * For credentials with `preAuthentication` whose API can end a session with an answer other than
	 * 401 (n8n logs in again by itself only on 401): recognises that answer, and names the credential's
	 * expirable field. The request is then sent once more with that field emptied, so n8n logs in again.
	 */
	/**
	 * The API keeps one valid token per client, so a sign-in elsewhere (another execution, another
	 * worker) makes the token a request carried invalid (HPE GreenLake). A 401 is then answered by
	 * sending the request again, a few times and after a short random wait, with the token stored in
	 * the credential by now, instead of fetching yet another one that would invalidate the others'.
	 */
	signInSupersedesTokens?: boolean;
	expiredSession?: {
		isExpired(failure: HttpFailure): boolean;
		tokenField: string;
	};
	/**
	 * For APIs that say when they do not have a path at all (DCImanager: error 3002 "Unknown API
	 * function"): recognises that answer, so it is not reported as a missing item, and says where the
	 * user can check the path the node called.
	 */
	unknownEndpoint?: {
		isUnknown(failure: HttpFailure): boolean;
		hint(request: ApiRequest): string;
	};
}

/** Milliseconds one request may take before it is abandoned. */
export interface RequestTimeouts {
	/** GET of one item, and HEAD. */
	readMs: number;
	/** POST, PUT, PATCH, DELETE. */
	writeMs: number;
	/** One page of a listing: larger answers than a single read. */
	listPageMs: number;
}

/** The credentials to send a request with after the session ended, forcing a new login. */
export type SessionRenewal = IAdditionalCredentialOptions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	headers?: IDataObject;
	/**
	 * Whether sending the request twice is harmless. Defaults to true for GET, HEAD, PUT and DELETE.
	 * A non-idempotent request is retried only when the server said it did not process it (429, 503).
	 */
	idempotent?: boolean;
	/** Names what the request is about in a "not found" message, e.g. `Volume "vol-1"`. */
	subject?: string;
	itemIndex?: number;
	/**
	 * How long this request may take, overriding the vendor's default for its kind. The node's
	 * "Timeout" option, when the user set it, overrides both.
	 */
	requestTimeoutMs?: number;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
	/** The body as received, when the vendor's `parseBody` read it. */
	rawBody?: string;
}
