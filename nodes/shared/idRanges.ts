/**
 * Sets of numeric IDs written as ranges ("1-40,42,45-50"): how a polling trigger keeps "which items
 * were in this state at the last poll" small in workflow static data, since fleets number their
 * items mostly contiguously.
 */
export function encodeIdRanges(ids: Iterable<number>): string {
	const sorted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id >= 0).sort((a, b) => a - b);
	const parts: string[] = [];
	for (let index = 0; index < sorted.length; ) {
		let end = index;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		parts.push(end === index ? String(sorted[index]) : `${sorted[index]}-${sorted[end]}`);
		index = end + 1;
	}
	return parts.join(',');
}

/** The IDs of an encoded set; anything unreadable is skipped rather than trusted. */
export function decodeIdRanges(encoded: unknown): Set<number> {
	const ids = new Set<number>();
	if (typeof encoded !== 'string') return ids;
	for (const part of encoded.split(',')) {
		const match = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(part.trim());
		if (!match) continue;
		const start = Number(match[1]);
		const end = match[2] === undefined ? start : Number(match[2]);
		// A stored range never spans more than the fleet it was written from; this bounds a corrupted one.
		for (let id = start; id <= end && id - start < 1_000_000; id++) ids.add(id);
	}
	return ids;
}
