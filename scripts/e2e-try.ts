import { Lab } from '../test/lab/server';
import { loadWorlds } from '../test/lab/world';
import { launchChromium, launchFirefox } from '../test/e2e/harness';
const lab = await Lab.start({ worlds: loadWorlds() });
const which = process.argv[2] ?? 'chromium';
const b = which === 'chromium' ? await launchChromium(lab) : await launchFirefox(lab);
console.log('launched');
await b.configure({ 'DNS-over-HTTPS resolver': lab.dohUrl, 'Certificate Transparency API': lab.ctBase, 'CA status URL': lab.caStatusUrl(), 'RDAP server': lab.rdapBase });
console.log('configured');
for (const host of ['hayamiz-shop.jp', 'sakura-mochi-tanaka.jp']) {
  const tab = await b.visit(`https://${host}/`);
  const r = await b.settled(tab);
  console.log(host, tab, r.badge, r.state.report?.verdict, r.state.report?.certificate);
  const text = await b.popup(tab, `/tmp/shots/${which}-${host}.png`);
  console.log(text.slice(0, 400));
}
console.log(lab.log.filter(e => e.kind !== 'doh').map(e => e.kind + ' ' + e.detail).slice(0, 20));
await b.close(); await lab.close();
