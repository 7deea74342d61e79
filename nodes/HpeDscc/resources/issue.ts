import { resourceLocator } from '../../shared/locators';
import type { ResourceDefinition } from '../../shared/operations';
import { getOperation, listOperation } from '../../shared/kinds';
import type { ParameterReader } from '../../shared/parameters';
import { dscc, listQuery, listQueryOptions } from '../profile';
import { andFilter } from '../systemComponents';

const ISSUE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'];

/** The Severity choice as an OData condition DSCC's issue filter understands. */
function severityCondition(p: ParameterReader): string | undefined {
	const chosen = p.raw<unknown>('severity', []);
	const severities = (Array.isArray(chosen) ? chosen : [chosen]).map((value) => String(value).trim().toUpperCase()).filter((value) => value !== '');
	const unknown = severities.find((severity) => !SEVERITIES.includes(severity));
	if (unknown !== undefined) p.fail(`"${unknown}" is not an issue severity`, `Use ${SEVERITIES.join(', ')}.`);
	if (severities.length === 0) return undefined;
	if (severities.length === 1) return `severity eq '${severities[0]}'`;
	return `severity in (${severities.map((severity) => `'${severity}'`).join(',')})`;
}

export const issue: ResourceDefinition = {
	value: 'issue',
	name: 'Issue',
	operations: [
		listOperation(dscc, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many issues',
			description: 'List the active issues (state CREATED) DSCC raised about the storage you can see, e.g. a pool running full',
			itemName: 'issues',
			properties: [
				{
					displayName: 'Severity',
					name: 'severity',
					type: 'multiOptions',
					options: [
						{ name: 'Critical', value: 'CRITICAL' },
						{ name: 'Info', value: 'INFO' },
						{ name: 'Warning', value: 'WARNING' },
					],
					default: [],
					description: 'Only issues of these severities. Empty returns every severity.',
				},
				listQueryOptions({
					filterExample: "issueType eq 'ISSUE'",
					sortExample: 'createdAt desc',
					filterOperators: 'eq, gt, lt, in',
					filterDescription:
						"Operators eq, gt, lt and in, joined with \"and\"; quote text values. Filter on issueType, severity (CRITICAL, WARNING, INFO), category, state, relatedObject, relatedObjectType, relatedObjectOwner, relatedObjectOwnerType, ruleId or createdAt, e.g. category eq 'STORAGE' and createdAt gt '2026-01-01T00:00:00Z'.",
				}),
			],
			request: (p) => {
				const query = listQuery(p);
				return {
					method: 'GET',
					path: '/api/v1/issues',
					qs: { ...query, filter: andFilter(query.filter as string | undefined, severityCondition(p)) },
				};
			},
		}),
		getOperation(dscc, {
			value: 'get',
			name: 'Get',
			action: 'Get an issue',
			description: 'Get one active issue with its description and the resource it is about',
			properties: [
				resourceLocator({
					name: 'issueId',
					displayName: 'Issue',
					searchListMethod: 'searchIssues',
					listPlaceholder: 'Choose an issue…',
					idPlaceholder: '7d2a3b4c-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
					idPattern: ISSUE_ID_PATTERN,
					idErrorMessage: 'An issue ID is a UUID, e.g. 7d2a3b4c-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
					description: 'The issue, listed by its title and severity',
				}),
			],
			request: (p) => {
				const id = p.id('issueId', { label: 'Issue', pattern: ISSUE_ID_PATTERN });
				return { method: 'GET', path: `/api/v1/issues/${encodeURIComponent(id)}`, subject: `Issue ${id}` };
			},
		}),
	],
};
