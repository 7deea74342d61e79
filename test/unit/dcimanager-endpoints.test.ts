import * as fs from 'node:fs';

import { DCI_ENDPOINTS } from '../../nodes/DciManager/api';
import { DCI_BEGIN, DCI_END, dciEndpointsReference } from '../harness/dci-endpoints-reference';
import { README } from '../harness/operations-reference';

const entries = Object.entries(DCI_ENDPOINTS);

it('README shows exactly the endpoint table of DCI_ENDPOINTS (run `npm run docs` after changing it)', () => {
	const readme = fs.readFileSync(README, 'utf8');
	expect(readme.indexOf(DCI_BEGIN)).toBeGreaterThan(0);
	const generated = readme.slice(readme.indexOf(DCI_BEGIN) + DCI_BEGIN.length, readme.indexOf(DCI_END)).trim();
	expect(generated).toBe(dciEndpointsReference().trim());
});

it.each(entries.filter(([, endpoint]) => endpoint.evidence === 'documented'))(
	'%s is marked documented only with the ISPsystem page that prints its path',
	(_name, endpoint) => {
		expect(endpoint.source).toMatch(/^https:\/\/(www\.|docs\.)?ispsystem\.com\/docs\/dcimanager-admin\//);
		expect(endpoint.source).toContain(endpoint.path.split('{')[0]);
	},
);

it.each(entries)('%s names its evidence and has a path the simulator can route', (_name, endpoint) => {
	expect(endpoint.source.length).toBeGreaterThan(20);
	expect(endpoint.path).toMatch(/^(\/[a-z0-9_]+|\/\{id\})+$/);
});
