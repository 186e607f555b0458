// Developer helper: runs the CLI against every lab world (or those matching argv[2]) and prints the output.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Lab } from '../test/lab/server';
import { loadWorlds } from '../test/lab/world';

const run = promisify(execFile);
const filter = process.argv[2] ?? '';
const extra = process.argv.slice(3);
const lab = await Lab.start({ worlds: loadWorlds() });
for (const w of lab.worlds.filter((x) => x.id.includes(filter))) {
  const args = ['dist/cli/renewal-radar.cjs', 'check', w.target, ...lab.cliArgs(w.id), ...(w.expect.args ?? []), ...extra];
  const r = await run('node', args, { encoding: 'utf8', env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath } }).then((x) => ({ ...x, code: 0 }), (e) => e);
  console.log(`=== ${w.id} exit ${r.code} (expect ${w.expect.verdict})`);
  console.log(r.stdout, r.stderr);
}
console.log(lab.log.length, 'lab requests');
await lab.close();
