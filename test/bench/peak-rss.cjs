// Preloaded with `node --require` into every measured process: on exit, records the process's peak
// resident memory (KiB, from the kernel's rusage) in $PEAK_RSS_DIR/<pid>.
const fs = require('node:fs');
const path = require('node:path');
process.on('exit', () => {
	const dir = process.env.PEAK_RSS_DIR;
	if (dir) fs.writeFileSync(path.join(dir, String(process.pid)), String(process.resourceUsage().maxRSS));
});
