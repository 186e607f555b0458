// Developer helper: one browser against the lab, with timings per step (not part of the test suite).
import { Lab } from '../test/lab/server';
import { loadWorlds } from '../test/lab/world';
import { launchChromium, launchFirefox } from '../test/e2e/harness';
const lab = await Lab.start({ worlds: loadWorlds() });
const which = process.argv[2] ?? 'chromium';
const t0 = Date.now();
const step = (s: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${s}`);
const b = which === 'chromium' ? await launchChromium(lab) : await launchFirefox(lab);
step('launched');
const ep = { 'DNS-over-HTTPS resolver': lab.dohUrl, 'Certificate Transparency API': lab.ctBase, 'CA status URL': lab.caStatusUrl(), 'RDAP server': lab.rdapBase };
await b.configure(ep); step('configured');
await b.configure({ ...ep, 'DNS-over-HTTPS resolver': 'http://127.0.0.1:9/dns-query' }); step('configured dead');
const tab = await b.visit('https://tsubame-cafe.jp/'); step(`visited ${tab}`);
for (let i = 0; i < 40; i++) { const s = await b.state(tab); step(`state ${s?.status} ${s?.report?.verdict}`); if (s?.status === 'done') break; await new Promise((r) => setTimeout(r, 1000)); }
step(JSON.stringify(await b.badge(tab)));
await b.configure(ep); step('restored');
await b.close(); await lab.close();
