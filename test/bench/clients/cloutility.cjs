// The baseline a developer would hand-write for Cloutility: sign in with the password grant (form
// body, the client's registered Origin), then GET the business unit's consumers (the whole
// collection in one response) with the bearer token and the Origin. Prints {items, ms} as JSON.
const [apiUrl, clientId, origin, username, password, businessUnitId] = process.argv.slice(2);

async function main() {
	const started = performance.now();
	const tokenResponse = await fetch(`${apiUrl}/oauth`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'application/json' },
		body: new URLSearchParams({ client_id: clientId, grant_type: 'password', username, password }),
	});
	if (!tokenResponse.ok) throw new Error(`token: HTTP ${tokenResponse.status}`);
	const { access_token: token } = await tokenResponse.json();
	const response = await fetch(`${apiUrl}/bunits/${businessUnitId}/consumers`, {
		headers: { authorization: `Bearer ${token}`, origin, accept: 'application/json' },
	});
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const { items } = await response.json();
	process.stdout.write(JSON.stringify({ items: items.length, ms: performance.now() - started }) + '\n');
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
