import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

interface Labelled {
	/** The field's name as the user sees it, for error messages. */
	label: string;
}

/**
 * Reads one item's parameters and rejects bad input with a clear message before any request:
 * empty required fields, malformed IDs, out-of-range numbers, invalid JSON.
 */
export class ParameterReader {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
	) {}

	raw<T = unknown>(name: string, fallback?: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback, { extractValue: true }) as T;
	}

	fail(message: string, description?: string): never {
		throw new NodeOperationError(this.ctx.getNode(), message, { itemIndex: this.itemIndex, description });
	}

	/** A required text, trimmed. */
	string(name: string, options: Labelled & { maxLength?: number; pattern?: RegExp; patternHint?: string }): string {
		const value = this.optionalString(name, options);
		if (value === undefined) this.fail(`"${options.label}" is required`, `Enter a value for "${options.label}".`);
		return value;
	}

	optionalString(
		name: string,
		options: Labelled & { maxLength?: number; pattern?: RegExp; patternHint?: string },
	): string | undefined {
		const value = this.raw<unknown>(name, '');
		if (value === undefined || value === null) return undefined;
		const text = String(value).trim();
		if (text === '') return undefined;
		if (options.maxLength !== undefined && text.length > options.maxLength) {
			this.fail(`"${options.label}" is too long`, `Use at most ${options.maxLength} characters.`);
		}
		if (options.pattern && !options.pattern.test(text)) {
			this.fail(`"${options.label}" is not valid: ${JSON.stringify(text)}`, options.patternHint);
		}
		return text;
	}

	/** An identifier that will be placed in a URL path: must match the vendor's ID shape. */
	id(name: string, options: Labelled & { pattern: RegExp }): string {
		const value = this.optionalString(name, { label: options.label });
		if (value === undefined) this.fail(`"${options.label}" is required`, `Pick or enter the ${options.label}.`);
		if (!options.pattern.test(value)) {
			this.fail(
				`${JSON.stringify(value)} is not a valid ${options.label}`,
				'IDs contain only letters, digits and dashes. Pick the item from the list, or copy its ID from a previous node.',
			);
		}
		return value;
	}

	integer(name: string, options: Labelled & { min?: number; max?: number }): number {
		const value = this.raw<unknown>(name);
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number)) {
			this.fail(`"${options.label}" must be a whole number`);
		}
		if ((options.min !== undefined && number < options.min) || (options.max !== undefined && number > options.max)) {
			this.fail(
				`"${options.label}" is out of range: ${number}`,
				`Use a value from ${options.min ?? '-∞'} to ${options.max ?? '∞'}.`,
			);
		}
		return number;
	}

	boolean(name: string, fallback = false): boolean {
		return Boolean(this.raw<boolean>(name, fallback));
	}

	options<T extends string>(name: string): T {
		return this.raw<T>(name);
	}

	collection(name: string): IDataObject {
		return this.raw<IDataObject>(name, {}) ?? {};
	}

	/** A list of IDs given as an array or a comma-separated text; every entry must match the pattern. */
	idList(name: string, options: Labelled & { pattern: RegExp; required?: boolean }): string[] {
		const value = this.raw<unknown>(name, []);
		const entries = (Array.isArray(value) ? value : String(value ?? '').split(','))
			.map((entry) => String(entry).trim())
			.filter((entry) => entry !== '');
		if (options.required && entries.length === 0) this.fail(`"${options.label}" needs at least one ID`);
		const invalid = entries.find((entry) => !options.pattern.test(entry));
		if (invalid !== undefined) this.fail(`${JSON.stringify(invalid)} in "${options.label}" is not a valid ID`);
		return entries;
	}

	/** A JSON object parameter (given as text or object). */
	jsonObject(name: string, options: Labelled): IDataObject {
		const value = this.raw<unknown>(name, {});
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as IDataObject;
		try {
			const parsed: unknown = JSON.parse(String(value || '{}'));
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as IDataObject;
		} catch {
			// reported below
		}
		return this.fail(`"${options.label}" must be a JSON object`, 'For example: {"key": "value"}');
	}
}

/** Fills `{name}` placeholders of a path template, URL-encoding each value. */
export function fillPath(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, key: string) => {
		const value = values[key];
		if (value === undefined) throw new Error(`Path template ${template} needs a value for ${key}`);
		return encodeURIComponent(value);
	});
}
