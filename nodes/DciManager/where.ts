/**
 * DCImanager 6 list filters (`where=`): `field EQ value`, `NE`, `CP` (LIKE, `%` wildcard), `IS null`,
 * `NOT`, `AND`, `OR`, parentheses, text in single quotes. Built here from what the user picks, so no
 * user value can change the filter's structure.
 */

export type FilterOperator = 'equals' | 'notEquals' | 'contains' | 'isEmpty' | 'isNotEmpty';

export interface FilterCondition {
	field: string;
	operator: FilterOperator;
	value?: string;
}

/** Field names: letters, digits, underscores, dotted for nested fields (`rack.name`, `account.id`). */
export const FIELD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,3}$/;

/** Longest raw `where` or value accepted. */
export const WHERE_TEXT_LIMIT = 2000;

export class FilterError extends Error {}

/**
 * A quoted text literal: backslash and quote escaped with a backslash (the platform's SQL back end
 * reads `\'` as a quote inside the text). Control characters are refused rather than escaped.
 */
export function quote(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A value for `CP` (LIKE) that matches `value` literally anywhere: `%` and `_` lose their wildcard meaning. */
export function containsPattern(value: string): string {
	return quote(`%${value.replace(/[\\%_]/g, '\\$&')}%`);
}

/** Numbers and booleans go unquoted, as in ISPsystem's examples (`location_id EQ 3`, `is_new EQ false`). */
export function literal(value: string): string {
	if (/^-?\d{1,15}$/.test(value) || value === 'true' || value === 'false') return value;
	return quote(value);
}

function checkText(value: string, label: string): void {
	if (value.length > WHERE_TEXT_LIMIT) throw new FilterError(`${label} is longer than ${WHERE_TEXT_LIMIT} characters`);
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(value)) throw new FilterError(`${label} contains a line break or control character`);
}

export function conditionExpression(condition: FilterCondition): string {
	const field = condition.field.trim();
	if (!FIELD_PATTERN.test(field)) {
		throw new FilterError(
			`${JSON.stringify(field)} is not a field name: use letters, digits and underscores, with dots for nested fields (e.g. rack.name)`,
		);
	}
	const value = condition.value ?? '';
	checkText(value, `The value for ${field}`);
	switch (condition.operator) {
		case 'equals':
			return `${field} EQ ${literal(value)}`;
		case 'notEquals':
			return `${field} NE ${literal(value)}`;
		case 'contains':
			return `${field} CP ${containsPattern(value)}`;
		case 'isEmpty':
			return `${field} IS null`;
		case 'isNotEmpty':
			return `NOT ${field} IS null`;
		default:
			throw new FilterError(`Unknown filter operator ${String(condition.operator)}`);
	}
}

/** The conditions joined with AND or OR, each in parentheses; empty when there are none. */
export function buildWhere(conditions: FilterCondition[], combinator: 'AND' | 'OR'): string {
	const parts = conditions.map((condition) => `(${conditionExpression(condition)})`);
	return parts.join(` ${combinator} `);
}

/** Parentheses balanced outside quoted text, quotes closed: a raw expression that cannot swallow what it is joined to. */
export function checkRawWhere(raw: string): void {
	checkText(raw, 'The raw filter');
	let depth = 0;
	let inText = false;
	for (let index = 0; index < raw.length; index++) {
		const char = raw[index];
		if (inText) {
			if (char === '\\') index++;
			else if (char === "'") inText = false;
			continue;
		}
		if (char === "'") inText = true;
		else if (char === '(') depth++;
		else if (char === ')' && --depth < 0) throw new FilterError('The raw filter closes a parenthesis it did not open');
	}
	if (inText) throw new FilterError('The raw filter has a text value without its closing quote');
	if (depth !== 0) throw new FilterError('The raw filter leaves a parenthesis open');
}

/** The raw expression and the built one, both required to hold. */
export function combineWhere(raw: string, built: string): string {
	const trimmed = raw.trim();
	if (trimmed !== '') checkRawWhere(trimmed);
	if (trimmed === '') return built;
	if (built === '') return trimmed;
	return `(${trimmed}) AND (${built})`;
}

/** `orderby=<field> asc|desc`. */
export function orderBy(field: string, direction: 'asc' | 'desc'): string {
	const name = field.trim();
	if (!FIELD_PATTERN.test(name)) throw new FilterError(`${JSON.stringify(name)} is not a field to sort by`);
	return `${name} ${direction === 'desc' ? 'desc' : 'asc'}`;
}
