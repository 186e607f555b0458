// npm start: build and open a browser with the extension for real use (public resolvers, no lab).
//   npm start            Chromium with dist/chrome loaded (a fresh profile)
//   npm start -- --firefox   Firefox ESR with dist/firefox as a temporary add-on (web-ext run)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, FIREFOX, ROOT, requireBrowser } from '../test/e2e/harness';

execFileSync('npx', ['webpack', '--config', 'webpack.config.js', '--stats', 'errors-warnings'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('npm start needs a desktop session (no DISPLAY). Try "npm run demo", which also works headless.');
  process.exit(1);
}
if (process.argv.includes('--firefox')) {
  requireBrowser(FIREFOX, 'firefox-esr');
  spawn(
    'npx',
    [
      'web-ext',
      'run',
      '--source-dir',
      path.join(ROOT, 'dist/firefox'),
      '--firefox',
      FIREFOX,
      '--start-url',
      'https://example.com/',
    ],
    { stdio: 'inherit' },
  );
} else {
  requireBrowser(CHROMIUM, 'chromium');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'renewal-radar-'));
  const dist = path.join(ROOT, 'dist/chrome');
  spawn(
    CHROMIUM,
    [
      `--user-data-dir=${profile}`,
      `--load-extension=${dist}`,
      `--disable-extensions-except=${dist}`,
      '--no-first-run',
      'https://example.com/',
    ],
    { stdio: 'inherit' },
  );
}
