/**
 * Where a polling trigger stands in a time-ordered stream of items, with no n8n context, so the
 * rules that decide "already reported or not" are unit-testable. A position says which versions
 * (an item at one value of its timestamp) are handled: every version older than `at`, and those
 * at exactly `at` whose keys are in `keys`.
 */

/** Versions handled so far: all before `at` (epoch ms), and those at `at` listed in `keys`. */
export interface Position {
	at: number;
	keys: string[];
}

/** At most this many keys are kept for the boundary timestamp. */
export const BOUNDARY_KEY_CAP = 200;
/** Whether a version is not handled yet by `position`. */
export function isAfter(position: Position, time: number, key: string): boolean {
	return time > position.at || (time === position.at && !position.keys.includes(key));
}

/** The position once `time`/`key` is handled; versions must be handled in ascending time. */
export function advance(position: Position, time: number, key: string): Position {
	if (time > position.at) return { at: time, keys: [key] };
	if (time === position.at && !position.keys.includes(key))
		return { at: time, keys: [...position.keys, key] };
	return position;
}

/**
 * The position as stored. More versions at one timestamp than the cap can hold: the boundary moves
 * just past that timestamp. Every version at it was read in the same poll (a poll reads complete
 * time windows), so this only loses a version that appears later with that same old timestamp.
 */
export function bounded(position: Position, cap = BOUNDARY_KEY_CAP): Position {
	return position.keys.length > cap ? { at: position.at + 1, keys: [] } : position;
}

