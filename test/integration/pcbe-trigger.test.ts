import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { HpeDsccTrigger } from '../../nodes/HpeDscc/HpeDsccTrigger.node';
import { HpeGreenLakePcbeTrigger } from '../../nodes/HpeGreenLakePcbe/HpeGreenLakePcbeTrigger.node';
import type { CredentialStore, Parameters } from '../harness/context';
import { greenLakeCredential, pollNode } from '../harness/context';
import type { GreenLakeSimulator } from '../simulators/greenlake';
import { startGreenLakeSimulator } from '../simulators/greenlake';
import { OperationFailure } from '../simulators/greenlake/operations';

const PCBE = 'private-cloud-business-edition';
const VIRT = 'hybrid-cloud';

function events(output: INodeExecutionData[][] | null): IDataObject[] {
	return output ? output[0].map((item) => item.json) : [];
}

jest.setTimeout(30_000);

/**
 * The same event in two places: the PCBE trigger, where PCBE users look for it, and the DSCC
 * trigger's "GreenLake Async Operation Finished" (saved workflows), both on the same polling code.
 */
describe.each([
	['HPE GreenLake Private Cloud Business Edition Trigger', new HpeGreenLakePcbeTrigger() as INodeType, {}],
	['HPE Data Services Cloud Console Trigger → GreenLake Async Operation Finished', new HpeDsccTrigger() as INodeType, { event: 'greenLakeOperationFinished' }],
])('%s: a GreenLake async operation finished', (_, trigger, eventParameters) => {
	let sim: GreenLakeSimulator;
	let credentials: CredentialStore;
	const poll = async (parameters: Parameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') =>
		await pollNode({ nodeType: trigger, credentials, parameters: { ...eventParameters, ...parameters }, staticData, mode });
	const since = () => ({ options: { startFrom: new Date(Date.now() - 1000).toISOString() } });

	function start(displayName: string, service: string, outcome: 'ok' | 'fail' = 'ok', durationMs = 300): IDataObject {
		return sim.context.operations.start({
			displayName,
			service,
			durationMs,
			complete: () => {
				if (outcome === 'fail') throw new OperationFailure(`${displayName} failed`);
			},
		}) as IDataObject;
	}
	/** Lets the simulator's clock move operations forward (it advances them on each request). */
	async function settle(ms: number): Promise<void> {
		await sleep(ms);
		await fetch(`${sim.url}/as/token.oauth2`, { method: 'POST' });
	}

	beforeAll(async () => {
		sim = await startGreenLakeSimulator({ virtualMachines: 3 });
		credentials = greenLakeCredential(sim);
	});
	afterAll(async () => await sim.close());
	afterEach(() => expect(sim.violations()).toEqual([]));

	it('reports each finished operation once, whatever its outcome, and never again', async () => {
		const staticData: IDataObject = {};
		const parameters = since();
		const ok = start('Refresh software version of dhci-site-a', PCBE);
		const failed = start('Power on virtual machine vm-0001', VIRT, 'fail');
		const cancelled = start('Deploy virtual machine later', VIRT, 'ok', 60_000);
		sim.context.operations.cancel(String(cancelled.id));
		const running = start('Software update to 3.30 on dhci-site-b', PCBE, 'ok', 600_000);
		await settle(1200);

		const first = events(await poll(parameters, staticData));
		expect(first.map((operation) => [operation.id, operation.state]).sort()).toEqual(
			[
				[ok.id, 'SUCCEEDED'],
				[failed.id, 'FAILED'],
				[cancelled.id, 'CANCELLED'],
			].sort(),
		);
		expect(staticData.cursor).toMatchObject({ version: 1, event: 'greenLakeOperationFinished' });
		expect(events(await poll(parameters, staticData))).toEqual([]);

		// An operation still running at one poll is reported by the poll after it finished.
		sim.context.operations.finishNow(String(running.id));
		await settle(100);
		const second = events(await poll(parameters, staticData));
		expect(second.map((operation) => [operation.id, operation.state])).toEqual([[running.id, 'SUCCEEDED']]);
		expect(events(await poll(parameters, staticData))).toEqual([]);

		const listings = sim.requestsTo('GET', /^\/data-services\/v1beta1\/async-operations$/);
		expect(listings.at(-1)!.query).toMatchObject({ sort: 'updatedAt asc', limit: '1000', offset: '0' });
		expect(listings.at(-1)!.query.filter).toMatch(/^updatedAt gt \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	it('filters by service and by outcome', async () => {
		const failedOnly: IDataObject = {};
		const pcbeOnly: IDataObject = {};
		const parameters = since();
		await poll({ ...parameters, operationOutcome: 'failed' }, failedOnly);
		await poll({ ...parameters, operationServices: PCBE }, pcbeOnly);
		const pcbeOk = start('Configuration analysis of dhci-site-a', PCBE);
		const pcbeFail = start('Software precheck to 2.90 on dhci-site-a', PCBE, 'fail');
		const virtFail = start('Reset virtual machine vm-0002', VIRT, 'fail');
		await settle(1200);
		const failed = events(await poll({ ...parameters, operationOutcome: 'failed' }, failedOnly));
		expect(failed.map((operation) => operation.id).sort()).toEqual([pcbeFail.id, virtFail.id].sort());
		const pcbe = events(await poll({ ...parameters, operationServices: ` ${PCBE} , other-service` }, pcbeOnly));
		expect(pcbe.map((operation) => operation.id).sort()).toEqual([pcbeOk.id, pcbeFail.id].sort());
	});

	it('misses none and repeats none when many finish in the same seconds across polls', async () => {
		const staticData: IDataObject = {};
		// Its own service, so operations of the other tests that finished a moment ago do not count.
		const parameters = { ...since(), operationServices: 'bulk-test' };
		const started = Array.from({ length: 40 }, (_, index) => start(`Power off virtual machine bulk-${index}`, 'bulk-test', index % 5 === 0 ? 'fail' : 'ok', 200 + (index % 4) * 400));
		const seen: IDataObject[] = [];
		for (let round = 0; round < 5; round++) {
			await settle(400);
			seen.push(...events(await poll(parameters, staticData)));
		}
		await settle(1200);
		seen.push(...events(await poll(parameters, staticData)));
		expect(seen.map((operation) => operation.id).sort()).toEqual(started.map((operation) => operation.id).sort());
	});

	it('Fetch Test Event returns the most recent matching operation, or says there is none', async () => {
		const operation = start('Refresh hypervisor manager vcenter-site-a', 'hci-manager-test');
		await settle(600);
		const [test] = events(await poll({ operationServices: 'hci-manager-test' }, {}, 'manual'));
		expect(test).toMatchObject({ id: operation.id, state: 'SUCCEEDED' });
		await expect(poll({ operationServices: 'no-such-service' }, {}, 'manual')).rejects.toThrow(
			'There is no finished async operation of no-such-service in HPE GreenLake yet',
		);
	});

	it('refuses a service list that is not one', async () => {
		await expect(poll({ operationServices: "pcbe' or 1 eq 1" }, {})).rejects.toThrow('is not a service name');
	});
});
