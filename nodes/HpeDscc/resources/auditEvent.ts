import type { ResourceDefinition } from '../../shared/operations';
import { listOperation } from '../../shared/kinds';
import { dscc, listQuery, listQueryOptions } from '../profile';

const AUDIT_FILTER_EXAMPLE = 'state eq Failure and occurredAt gt 2020-09-08T16:51:33Z';

export const auditEvent: ResourceDefinition = {
	value: 'auditEvent',
	name: 'Audit Event',
	operations: [
		listOperation(dscc, {
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many audit events',
			description: 'List the audit trail of DSCC: who did what, when, and whether it succeeded',
			itemName: 'audit events',
			properties: [
				listQueryOptions({
					filterExample: AUDIT_FILTER_EXAMPLE,
					sortExample: 'occurredAt desc',
					select: false,
					filterOperators: 'eq, gt',
					filterDescription: `Conditions on the event's properties (e.g. state: Success, Failure, PermissionDenied, Initiated; occurredAt; code; userEmail), joined with "and", e.g. ${AUDIT_FILTER_EXAMPLE}`,
					sortDescription: 'One property, optionally followed by asc or desc, e.g. occurredAt desc. DSCC sorts audit events by one property only.',
				}),
			],
			request: (p) => {
				const query = listQuery(p);
				if (typeof query.sort === 'string' && query.sort.includes(',')) {
					p.fail(
						'Audit events can be sorted by one property only',
						`DSCC sorts audit events by a single property per request. Keep one, e.g. "${query.sort.split(',')[0].trim()}".`,
					);
				}
				return { method: 'GET', path: '/api/v1/audit-events', qs: query };
			},
		}),
	],
};
