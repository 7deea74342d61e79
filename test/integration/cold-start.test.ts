import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import { executeNode, greenLakeCredential } from '../harness/context';
import type { DsccSimulator } from '../simulators/dscc';
import { startDsccSimulator } from '../simulators/dscc';

jest.setTimeout(60_000);

const node = new HpeDscc();
let sim: DsccSimulator;

beforeAll(async () => {
	sim = await startDsccSimulator({ volumes: 20 });
});
afterAll(async () => await sim.close());

// HPE GreenLake keeps one valid token per API client: each new token revokes the previous one. Twenty
// executions started at once on a credential with no token yet each get one, and knock out each
// other's; a request refused that way is sent again with the token stored last, within a bound.
// A guard: it passes with n8n's own handling (a request refused with a token that is no longer the
// stored one is sent again with the stored one, one refresh at a time per credential).
it('20 executions started at once on a credential without a token all succeed', async () => {
	const credentials = greenLakeCredential(sim);
	const runs = Array.from({ length: 20 }, async () => await executeNode({ nodeType: node, credentials, parameters: { resource: 'volume', operation: 'getAll', scope: 'all', returnAll: false, limit: 1 } }));
	const outcomes = await Promise.allSettled(runs);
	const failures = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason));
	expect(failures).toEqual([]);
});
