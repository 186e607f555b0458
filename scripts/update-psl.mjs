#!/usr/bin/env node
// `npm run update-psl`: read the Public Suffix List (https://publicsuffix.org/list/public_suffix_list.dat), keep its
// ICANN section — the only part Renewal Radar uses: a registrable domain as the CA and the registries see it, and
// "under an IANA TLD" for redirect targets (Boulder's iana.ExtractSuffix ignores the private section) — turn every
// rule into A-labels (every host the engine sees is one) and write src/core/network/public-suffix-list.json, one
// line per TLD: the TLD, then its rules below it without the TLD ("jp ac ad … *.kawasaki !city.kawasaki"; `~ck`
// when the TLD is not a rule itself).
// src/core/network/public-suffix.ts reads it; nothing fetches at run time and no test fetches.
//
//   node scripts/update-psl.mjs [file or URL of public_suffix_list.dat] [--via text] [--out file]
// --via records where a copy that is not the list's own URL came from. Refresh before each release (README, beside
// the providers' address ranges): the ICANN section changes a few times a year (second-level names, retired TLDs).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { domainToASCII, fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIST_URL = 'https://publicsuffix.org/list/public_suffix_list.dat';

/** The ICANN section's rules as written (U-labels, `*.`, `!`). https://github.com/publicsuffix/list/wiki/Format */
export function icannRules(dat) {
  const begin = dat.indexOf('// ===BEGIN ICANN DOMAINS===');
  const end = dat.indexOf('// ===END ICANN DOMAINS===');
  if (begin < 0 || end < begin) throw new Error('no ICANN section (not a public_suffix_list.dat?)');
  return dat
    .slice(begin, end)
    .split('\n')
    .map((line) => line.trim().split(/\s/)[0])
    .filter((rule) => rule && !rule.startsWith('//'));
}

/** A rule in A-labels: `!`, `*` kept; each label with a non-ASCII character through IDNA (UTS #46, as URL does for a
 * host; an ASCII label such as `0` in `0.bg` is left alone, where IDNA would read it as an IPv4 number). */
export function asciiRule(rule) {
  const bang = rule.startsWith('!') ? '!' : '';
  const labels = rule.slice(bang.length).toLowerCase().split('.');
  const ascii = labels.map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : domainToASCII(label)));
  if (ascii.some((label) => !/^(\*|[a-z0-9-]{1,63})$/.test(label))) throw new Error(`bad rule ${rule}`);
  return bang + ascii.join('.');
}

/** One line per TLD: the TLD, then its other rules without the TLD. A TLD that is not a rule itself (only rules
 * below it, as `*.ck` and `!www.ck` without `ck`) is written `~ck`. */
export function compactList(rules) {
  const byTld = new Map();
  for (const rule of new Set(rules.map(asciiRule))) {
    const name = rule.replace(/^!/, '');
    const dot = name.lastIndexOf('.');
    const tld = name.slice(dot + 1);
    if (!byTld.has(tld)) byTld.set(tld, { listed: false, below: [] });
    const entry = byTld.get(tld);
    if (dot < 0) entry.listed = true;
    else entry.below.push(rule.slice(0, rule.length - tld.length - 1));
  }
  const lines = [];
  for (const [tld, { listed, below }] of [...byTld].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push([listed ? tld : `~${tld}`, ...below.sort()].join(' '));
  }
  return lines.join('\n');
}

async function main(argv) {
  let source = LIST_URL;
  let via;
  let out = path.join(ROOT, 'src/core/network/public-suffix-list.json');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--via') via = argv[++i];
    else if (argv[i] === '--out') out = argv[++i];
    else source = argv[i];
  }
  let dat;
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    dat = await res.text();
  } else {
    dat = readFileSync(source, 'utf8');
  }
  const rules = icannRules(dat);
  const list = compactList(rules);
  const snapshot = {
    source: LIST_URL,
    ...(via || !/^https?:/.test(source) ? { via: via ?? path.basename(source) } : {}),
    section: 'ICANN',
    date: new Date().toISOString().slice(0, 10),
    rules: new Set(rules.map(asciiRule)).size,
    list,
  };
  writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`);
  console.log(`${path.relative(ROOT, out)}: ${snapshot.rules} ICANN rules, ${list.split('\n').length} TLDs`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
