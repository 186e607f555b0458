// npm run package: store-ready zips of dist/chrome (Chrome Web Store) and dist/firefox (addons.mozilla.org).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
execFileSync('npx', ['webpack', '--config', 'webpack.config.cjs', '--stats', 'errors-warnings'], { stdio: 'inherit' });
for (const browser of ['chrome', 'firefox']) {
  execFileSync('npx', ['web-ext', 'build', '--source-dir', `dist/${browser}`, '--artifacts-dir', 'artifacts',
    '--filename', `renewal-radar-${browser}-${version}.zip`, '--overwrite-dest'], { stdio: 'inherit' });
}
console.log(`artifacts/renewal-radar-chrome-${version}.zip and artifacts/renewal-radar-firefox-${version}.zip are ready`);
