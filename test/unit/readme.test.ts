import * as fs from 'node:fs';

import { BEGIN, END, README, operationsReference } from '../harness/operations-reference';

it('README lists exactly the operations the node offers (run `npm run docs` after adding one)', () => {
	const readme = fs.readFileSync(README, 'utf8');
	const generated = readme.slice(readme.indexOf(BEGIN) + BEGIN.length, readme.indexOf(END)).trim();
	expect(generated).toBe(operationsReference().trim());
});
