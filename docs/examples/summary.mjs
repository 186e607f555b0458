// Turns renewal-radar's NDJSON into a Markdown table for a CI job summary: node summary.mjs results.ndjson
// No dependencies; the values are sanitised by renewal-radar already and escaped for Markdown here.
import { readFileSync } from 'node:fs';

const ICON = { fail: '🔴 will fail', warn: '🟠 at risk', unknown: '⚪ unknown', ok: '🟢 ok', 'not-applicable': '— n/a' };
const md = (s) => String(s ?? '').replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').slice(0, 160);
const rows = [];
for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    const days = r.certificate ? Math.floor((Date.parse(r.certificate.notAfter) - Date.parse(r.checkedAt)) / 86_400_000) : '';
    const main = (r.findings ?? []).find((f) => f.severity !== 'info');
    rows.push({ rank: { fail: 0, unknown: 1, warn: 2, ok: 3 }[r.verdict] ?? 4, cells: [ICON[r.verdict] ?? r.verdict, r.host ?? r.input, r.provider?.name ?? '', days, main ? `${main.code}: ${main.message}` : r.error ?? ''] });
  }
}
rows.sort((a, b) => a.rank - b.rank);
console.log('| verdict | site | host | days left | main finding |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.cells.map(md).join(' | ')} |`);
console.log(`\n${rows.length} sites; ${rows.filter((r) => r.rank === 0).length} will fail.`);
