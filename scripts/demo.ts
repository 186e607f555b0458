// npm run demo: build, start the offline lab with every demo world, and open Chromium with the extension
// pointed at the lab on a start page listing the demo sites.
//   npm run demo -- --headless --screenshots <dir> [--lang ja]   one popup screenshot per demo world instead
// Without a display, the headless mode runs by itself (and prints the CLI's verdicts for the same worlds).
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchChromium, ROOT } from '../test/e2e/harness';
import { Lab } from '../test/lab/server';
import { loadWorlds } from '../test/lab/world';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const lang = (value('--lang') ?? 'en') as 'en' | 'ja';
const noDisplay = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = flag('--headless') || noDisplay;
const shots = value('--screenshots') ?? (headless ? path.join(ROOT, 'artifacts', 'demo') : undefined);

console.log('Building…');
execFileSync('npx', ['webpack', '--config', 'webpack.config.js', '--stats', 'errors-warnings'], {
  cwd: ROOT,
  stdio: 'inherit',
});
const worlds = loadWorlds();
const demo = worlds.filter((w) => w.demo);
const lab = await Lab.start({ worlds });
console.log(`Lab on ${lab.apiBase} (DoH ${lab.dohUrl}, proxy ${lab.proxyUrl}); ${demo.length} demo sites.`);
const browser = await launchChromium(lab, { headless, viewport: { width: 1100, height: 800 } });
const endpoints = {
  'DNS-over-HTTPS resolver': lab.dohUrl,
  'Certificate Transparency API': lab.ctBase,
  'CA status URL': lab.caStatusUrl(),
  'RDAP server': lab.rdapBase,
  'ACME directory for renewal information (ARI)': `${lab.apiBase}/acme/directory`,
};
await browser.configure(endpoints, lang);

if (!headless) {
  const page = await browser.ctx.newPage();
  await page.goto(`${lab.apiBase}/`);
  console.log(
    '\nChromium is open on the demo start page: visit a site, watch the badge, click the Renewal Radar icon.',
  );
  console.log('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    browser.ctx.on('close', () => resolve());
  });
} else {
  if (noDisplay && !flag('--headless'))
    console.log('\nNo display here: running the demo headless and writing screenshots instead.');
  const run = promisify(execFile);
  const rows: string[] = [];
  for (const w of demo) {
    // The CA status page is global; worlds about it get their own for their visit.
    if (w.caStatus) await browser.configure({ ...endpoints, 'CA status URL': lab.caStatusUrl(w.id) }, lang);
    const tab = await browser.visit(`https://${w.target}/`);
    const { badge } = await browser.settled(tab);
    const file = path.join(shots!, `${w.id}${lang === 'ja' ? '-ja' : ''}.png`);
    const text = await browser.popup(tab, file);
    if (w.caStatus) await browser.configure(endpoints, lang);
    const cli = await run(
      process.execPath,
      [
        path.join(ROOT, 'dist/cli/renewal-radar.cjs'),
        'check',
        w.target,
        '--json',
        ...lab.cliArgs(w.id),
        ...(w.expect.args ?? []),
      ],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath } },
    ).then(
      (r) => r.stdout,
      (e) => e.stdout,
    );
    const verdict = JSON.parse(cli).verdict;
    rows.push(
      `${(badge.text || '·').padEnd(2)} ${verdict.padEnd(8)} ${w.target.padEnd(28)} ${
        text
          .split('\n')
          .find((l) => l.trim().length > 3)
          ?.trim() ?? ''
      }`,
    );
    console.log(`  ${rows[rows.length - 1]}  → ${path.relative(process.cwd(), file)}`);
  }
  console.log(`\nWrote ${demo.length} popup screenshots to ${path.relative(process.cwd(), shots!) || '.'}`);
}
await browser.close();
await lab.close();
