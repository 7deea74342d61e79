/** A response body n8n hands over unread (`encoding: 'stream'`). */
interface ByteStream {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy(error?: Error): void;
}

export function isByteStream(value: unknown): value is ByteStream {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Partial<ByteStream>)[Symbol.asyncIterator] === 'function' &&
		typeof (value as Partial<ByteStream>).destroy === 'function'
	);
}

import type { HttpFailure } from './failure';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const timedOut = (): { failure: HttpFailure } => ({ failure: { headers: {}, networkCode: 'ETIMEDOUT', timedOut: true } });

/**
 * Reads a streamed answer, bounded as a whole. n8n's `timeout` only bounds silence on the socket,
 * so an answer trickling in a few bytes at a time would never end; here every chunk checks the
 * deadline, so a trickle ends at most one silent interval (below `timeoutMs`) after it.
 */
export async function readStreamedBody(
	stream: ByteStream,
	startedAt: number,
	timeoutMs: number,
): Promise<{ text: string; invalidUtf8?: boolean } | { failure: HttpFailure }> {
	const chunks: Buffer[] = [];
	let lastChunkAt = Date.now();
	try {
		for await (const chunk of stream) {
			chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
			lastChunkAt = Date.now();
			if (lastChunkAt - startedAt > timeoutMs) {
				stream.destroy();
				return timedOut();
			}
		}
	} catch {
		// n8n's idle timeout destroys the socket, which the stream reports like a reset by the server.
		return Date.now() - lastChunkAt >= timeoutMs - 25 ? timedOut() : { failure: { headers: {}, networkCode: 'ECONNRESET' } };
	}
	const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
	try {
		return { text: strictUtf8.decode(bytes) };
	} catch {
		// Bytes that are not UTF-8 read as U+FFFD; a vendor whose parser must refuse them is told.
		return { text: bytes.toString('utf8'), invalidUtf8: true };
	}
}
