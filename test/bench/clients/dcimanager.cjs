// The baseline a developer would hand-write for DCImanager 6: log in (POST /auth/v4/public/token),
// then page through /dci/v3/server 1,000 at a time (`limit=offset,count`) until `size`, sending the
// session as x-xsrf-token, the ses6 cookie and isp-box-instance. Prints {items, ms} as JSON.
const [apiUrl, email, password] = process.argv.slice(2);

async function main() {
	const started = performance.now();
	const login = await fetch(`${apiUrl}/auth/v4/public/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json', 'isp-box-instance': 'true' },
		body: JSON.stringify({ email, password }),
	});
	if (!login.ok) throw new Error(`login: HTTP ${login.status}`);
	const { token } = await login.json();
	const headers = { 'x-xsrf-token': token, cookie: `ses6=${token}`, 'isp-box-instance': 'true', accept: 'application/json' };
	const items = [];
	for (let offset = 0; ; ) {
		const response = await fetch(`${apiUrl}/dci/v3/server?limit=${offset},1000`, { headers });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		const page = await response.json();
		items.push(...page.list);
		offset += page.list.length;
		if (page.list.length === 0 || offset >= page.size) break;
	}
	process.stdout.write(JSON.stringify({ items: items.length, ms: performance.now() - started }) + '\n');
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
