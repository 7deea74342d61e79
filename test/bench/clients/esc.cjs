// The baseline a developer would hand-write for Cisco ESC: GET /v0/deployments with Basic
// authentication and Accept: application/xml (ESC answers every deployment in one document), then
// turn the XML into objects with a small hand-written parser (elements become keys, repeated ones
// arrays, text-only ones strings). Prints {items, ms} as JSON.
const [baseUrl, username, password] = process.argv.slice(2);

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (text) => text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name) => ENTITIES[name]);

function parseXml(xml) {
	const root = { children: {} };
	const stack = [root];
	for (const [, closing, name, selfClosing, text] of xml.matchAll(/<(\/?)([\w:.-]+)[^>]*?(\/?)>|([^<]+)/g)) {
		const top = stack[stack.length - 1];
		if (text !== undefined) {
			top.text = (top.text ?? '') + decode(text);
		} else if (closing) {
			stack.pop();
			const parent = stack[stack.length - 1];
			const value = Object.keys(top.children).length > 0 ? top.children : (top.text ?? '').trim();
			const existing = parent.children[name];
			if (existing === undefined) parent.children[name] = value;
			else if (Array.isArray(existing)) existing.push(value);
			else parent.children[name] = [existing, value];
		} else if (selfClosing) {
			top.children[name] = '';
		} else {
			stack.push({ children: {} });
		}
	}
	return root.children;
}

async function main() {
	const started = performance.now();
	const response = await fetch(`${baseUrl}/v0/deployments`, {
		headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, accept: 'application/xml' },
	});
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const { deployments } = parseXml(await response.text());
	const items = deployments.deployment === undefined ? [] : [].concat(deployments.deployment);
	process.stdout.write(JSON.stringify({ items: items.length, ms: performance.now() - started }) + '\n');
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
