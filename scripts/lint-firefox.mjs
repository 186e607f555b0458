// web-ext lint of dist/firefox: zero errors required; warnings are printed (the README lists why each remains).
import { execFileSync } from 'node:child_process';

let out;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--self-hosted'], {
    encoding: 'utf8',
  });
} catch (e) {
  out = e.stdout; // web-ext exits non-zero when it finds errors
}
const report = JSON.parse(out.slice(out.indexOf('{')));
for (const level of ['errors', 'warnings', 'notices']) {
  for (const m of report[level] ?? []) console.log(`${level.slice(0, -1)}: ${m.code} ${m.file ?? ''} — ${m.message}`);
}
console.log(
  `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
);
process.exit(report.summary.errors === 0 ? 0 : 1);
