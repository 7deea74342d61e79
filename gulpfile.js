const { src, dest } = require('gulp');

// tsc compiles the TypeScript and codex JSON; icons and other static files are copied as they are.
function copyStaticFiles() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:static'] = copyStaticFiles;
