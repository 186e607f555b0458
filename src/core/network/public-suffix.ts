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

interface Rules {
  exact: Set<string>;
  /** `*.kawasaki.jp` stored as `kawasaki.jp`. */
  wildcard: Set<string>;
  /** `!city.kawasaki.jp` stored as `city.kawasaki.jp`. */
  exception: Set<string>;
}

/** The compact form written by scripts/update-psl.mjs: one line per TLD (`~tld` when the TLD itself is no rule),
 * then the TLD's other rules without it (`jp ac ad *.kawasaki !city.kawasaki`). */
export function readSuffixList(list: string): Rules {
  const rules: Rules = { exact: new Set(), wildcard: new Set(), exception: new Set() };
  for (const line of list.split('\n')) {
    const [head, ...below] = line.split(' ');
    if (!head) continue;
    const tld = head.replace(/^~/, '');
    if (head === tld) rules.exact.add(tld);
    for (const rule of below) {
      const name = `${rule}.${tld}`;
      if (name.startsWith('!')) rules.exception.add(name.slice(1));
      else if (name.startsWith('*.')) rules.wildcard.add(name.slice(2));
      else rules.exact.add(name);
    }
  }
  return rules;
}

let icann: Rules | undefined;
/** The snapshot's rules, read on first use (about 7,000 names; a few milliseconds). */
const icannRules = (): Rules => {
  icann ??= readSuffixList(snapshot.list);
  return icann;
};

/**
 * `host`: lowercase A-labels without a trailing dot. An exception rule prevails over every other; otherwise the
 * rule with the most labels, a wildcard matching any one label; no match is the implicit rule `*`.
 */
export function matchPublicSuffix(host: string, rules: Rules = icannRules()): SuffixMatch {
  const labels = host.split('.');
  const suffixFrom = (i: number): SuffixMatch => ({
    publicSuffix: labels.slice(i).join('.'),
    registrableDomain: i > 0 ? labels.slice(i - 1).join('.') : null,
    listed: true,
  });
  for (let i = 0; i < labels.length - 1; i++) {
    if (rules.exception.has(labels.slice(i).join('.'))) return suffixFrom(i + 1);
  }
  for (let i = 0; i < labels.length; i++) {
    const name = labels.slice(i).join('.');
    if (rules.exact.has(name) || (i + 1 < labels.length && rules.wildcard.has(labels.slice(i + 1).join('.')))) {
      return suffixFrom(i);
    }
  }
  return { ...suffixFrom(labels.length - 1), listed: false };
}
