// The baseline a developer would hand-write for an HPE GreenLake listing (DSCC, PCBE): fetch a
// client-credentials token, then page through the listing 1,000 at a time until `total`, keeping
// every item. Prints {items, ms} as JSON.
const [tokenUrl, listUrl, clientId, clientSecret] = process.argv.slice(2);

async function main() {
	const started = performance.now();
	const tokenResponse = await fetch(tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
	});
	if (!tokenResponse.ok) throw new Error(`token: HTTP ${tokenResponse.status}`);
	const { access_token: token } = await tokenResponse.json();
	const items = [];
	for (let offset = 0; ; ) {
		const response = await fetch(`${listUrl}?offset=${offset}&limit=1000`, {
			headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
		});
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		const page = await response.json();
		items.push(...page.items);
		offset += page.items.length;
		if (page.items.length === 0 || offset >= page.total) break;
	}
	process.stdout.write(JSON.stringify({ items: items.length, ms: performance.now() - started }) + '\n');
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
