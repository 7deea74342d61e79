import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	homepage: string;
	n8n: { nodes: string[] };
};
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Codex {
	node: string;
	alias?: string[];
	resources: { primaryDocumentation: Array<{ url: string }>; credentialDocumentation?: Array<{ url: string }> };
}

/** The codex file beside each node the package lists (dist/nodes/X/Y.node.js → nodes/X/Y.node.json). */
const codexFiles = packageJson.n8n.nodes.map((file) =>
	path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.json')),
);

/** GitHub's anchor for a Markdown heading: lower case, spaces to dashes, punctuation dropped. */
function githubAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

const readmeAnchors = new Set(
	readme
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => githubAnchor(line.replace(/^#+ /, ''))),
);

/** What users type in the nodes panel to find each vendor's nodes (the product names they know). */
const SEARCH_TERMS: Record<string, string[]> = {
	hpeDscc: ['Alletra', 'Primera', 'Nimble', 'GreenLake', 'storage', 'volume', 'HPE', 'DSCC', 'SAN', 'LUN'],
	hpeGreenLakePcbe: ['HPE', 'GreenLake', 'PCBE', 'private cloud', 'VM', 'virtual machine', 'vSphere', 'datastore', 'dHCI'],
	dciManager: ['ISPsystem', 'DCImanager', 'bare metal', 'server'],
	ciscoEsc: ['Cisco', 'ESC', 'Elastic Services Controller', 'VNF', 'NFV', 'deployment'],
	cloutility: ['Cloutility', 'backup', 'Safespring'],
	cloutilityBilling: ['Cloutility', 'backup', 'billing'],
};

const repositoryPage = packageJson.homepage.replace(/#.*$/, '');

describe.each(codexFiles.map((file) => [path.basename(file), file] as const))('codex %s', (_name, file) => {
	const codex = JSON.parse(fs.readFileSync(file, 'utf8')) as Codex;

	it.each(SEARCH_TERMS[codex.node.replace(/^n8n-nodes-datacenter\./, '').replace(/Trigger$/, '')] ?? ['(no list)'])(
		'is found by searching "%s"',
		(term) => {
			expect((codex.alias ?? []).map((alias) => alias.toLowerCase())).toContain(term.toLowerCase());
		},
	);

	it("links its Docs to a section of the README on the repository's page", () => {
		const urls = [...codex.resources.primaryDocumentation, ...(codex.resources.credentialDocumentation ?? [])].map(
			(entry) => entry.url,
		);
		for (const url of urls) {
			const [page, anchor] = url.split('#');
			expect(page).toBe(repositoryPage);
			expect([...readmeAnchors]).toContain(anchor);
		}
	});
});
