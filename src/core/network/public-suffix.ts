// The Public Suffix List's ICANN section (a snapshot in public-suffix-list.json, refreshed by `npm run update-psl`)
// and its matching algorithm (https://github.com/publicsuffix/list/wiki/Format#algorithm). Only the ICANN section:
// the registrable domain is the one the registry and the CA see (github.io, not user.github.io), and a redirect
// target must be under an IANA TLD as Boulder's iana.ExtractSuffix judges it (private rules ignored).
// Replaces tldts: 48 KB gzip of the service worker's budget of 90 for the whole list, this 23 KB.
import snapshot from './public-suffix-list.json';

export interface SuffixMatch {
  /** The public suffix: the prevailing rule's labels, or the last label when no rule matches. */
  publicSuffix: string;
  /** The suffix plus one label; null when the host is itself a public suffix. */
  registrableDomain: string | null;
  /** A rule of the list matched (false: only the implicit `*`, an unknown TLD). */
  listed: boolean;
}

/** One TLD's rules, each name without the TLD (`co`, `city.kawasaki`). */
interface TldRules {
  /** The TLD is a rule itself. */
  listed: boolean;
  exact: Set<string>;
  /** `*.kawasaki` stored as `kawasaki`. */
  wildcard: Set<string>;
  /** `!city.kawasaki` stored as `city.kawasaki`. */
  exception: Set<string>;
}

/** The list indexed by TLD; a TLD's line is read the first time a host under it is matched (reading all ~7,000
 * rules at once took 15–20 ms of a worker's wake-up, before its first badge). */
export interface SuffixList {
  lines: Map<string, string>;
  read: Map<string, TldRules>;
}

/** The compact form written by scripts/update-psl.mjs: one line per TLD (`~tld` when the TLD itself is no rule),
 * then the TLD's other rules without it (`jp ac ad *.kawasaki !city.kawasaki`). */
export function readSuffixList(list: string): SuffixList {
  const lines = new Map<string, string>();
  for (const line of list.split('\n')) {
    const space = line.indexOf(' ');
    const head = space < 0 ? line : line.slice(0, space);
    if (head) lines.set(head.replace(/^~/, ''), line);
  }
  return { lines, read: new Map() };
}

function rulesOf(list: SuffixList, tld: string): TldRules | undefined {
  let rules = list.read.get(tld);
  const line = list.lines.get(tld);
  if (rules || line === undefined) return rules;
  const [head, ...below] = line.split(' ');
  rules = { listed: !head.startsWith('~'), exact: new Set(), wildcard: new Set(), exception: new Set() };
  for (const rule of below) {
    if (rule.startsWith('!')) rules.exception.add(rule.slice(1));
    else if (rule.startsWith('*.')) rules.wildcard.add(rule.slice(2));
    else if (rule === '*') rules.wildcard.add('');
    else rules.exact.add(rule);
  }
  list.read.set(tld, rules);
  return rules;
}

let icann: SuffixList | undefined;
const icannList = (): SuffixList => {
  icann ??= readSuffixList(snapshot.list);
  return icann;
};

/**
 * `host`: lowercase A-labels without a trailing dot. An exception rule prevails over every other; otherwise the
 * rule with the most labels, a wildcard matching any one label; no match is the implicit rule `*`.
 */
export function matchPublicSuffix(host: string, list: SuffixList = icannList()): SuffixMatch {
  const labels = host.split('.');
  const n = labels.length;
  const suffixFrom = (i: number, listed = true): SuffixMatch => ({
    publicSuffix: labels.slice(i).join('.'),
    registrableDomain: i > 0 ? labels.slice(i - 1).join('.') : null,
    listed,
  });
  const rules = rulesOf(list, labels[n - 1]);
  if (!rules) return suffixFrom(n - 1, false);
  // Names below the TLD, without it: labels[i … n-2].
  const below = (i: number) => labels.slice(i, n - 1).join('.');
  for (let i = 0; i < n - 1; i++) if (rules.exception.has(below(i))) return suffixFrom(i + 1);
  for (let i = 0; i < n - 1; i++) {
    if (rules.exact.has(below(i)) || rules.wildcard.has(below(i + 1))) return suffixFrom(i);
  }
  return suffixFrom(n - 1, rules.listed);
}
