import { run } from './main';

run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(`${s}\n`),
  stderr: (s) => process.stderr.write(`${s}\n`),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
}).then((code) => { process.exitCode = code; });
