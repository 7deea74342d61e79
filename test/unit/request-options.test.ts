import { CiscoEsc } from '../../nodes/CiscoEsc/CiscoEsc.node';
import { Cloutility } from '../../nodes/Cloutility/Cloutility.node';
import { DciManager } from '../../nodes/DciManager/DciManager.node';
import { HpeDscc } from '../../nodes/HpeDscc/HpeDscc.node';
import { HpeGreenLakePcbe } from '../../nodes/HpeGreenLakePcbe/HpeGreenLakePcbe.node';
import { REQUEST_TIMEOUT_PARAMETER } from '../../nodes/shared/transport';

// A timeout error tells the user to raise "Timeout (Seconds)" under the node's Request Options:
// every action node must have that option, under the name the transport reads.
describe.each([
	['HPE DSCC', new HpeDscc()],
	['HPE GreenLake PCBE', new HpeGreenLakePcbe()],
	['DCImanager 6', new DciManager()],
	['Cisco ESC', new CiscoEsc()],
	['Cloutility', new Cloutility()],
])('%s action node', (_name, node) => {
	it('offers Request Options → Timeout (Seconds), read by the transport', () => {
		const [collection, option] = REQUEST_TIMEOUT_PARAMETER.split('.');
		const property = node.description.properties.find((candidate) => candidate.name === collection);
		expect(property).toMatchObject({ displayName: 'Request Options', type: 'collection' });
		expect(property?.displayOptions).toBeUndefined();
		expect(property?.options).toEqual([expect.objectContaining({ name: option, displayName: 'Timeout (Seconds)', type: 'number' })]);
	});
});
