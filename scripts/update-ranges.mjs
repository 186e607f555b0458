#!/usr/bin/env node
// `npm run update-ranges`: fetch each provider's own published list of the addresses its sites are served from,
// keep only what serves sites (not origin-facing or cache-tier ranges), merge it into the fewest CIDR blocks and
// write src/core/providers/ranges/<provider>.json with the source URLs and the date. The provider files read
// those snapshots; nothing fetches at run time and no test fetches (test/unit/published-ranges.test.ts serves these
// sources from loopback with --base).
//
//   node scripts/update-ranges.mjs [--only cloudfront,fastly] [--out dir] [--base http://127.0.0.1:port]
//                                  [--via id=text] [--date id=YYYY-MM-DD]
// --base fetches https://host/path from <base>/host/path instead (a local mirror); --via and --date record where a
// mirrored copy came from and when the provider published it. Refresh monthly and before each release
// (README "Providers' address ranges"): the providers change these lists a few times a year and announce it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- CIDR arithmetic on [first, last] intervals of bigints ----
function parseAddress(text) {
  if (text.includes(':')) {
    let s = text;
    const colon = s.lastIndexOf(':');
    if (s.slice(colon + 1).includes('.')) {
      const v4 = parseAddress(s.slice(colon + 1)).n;
      s = `${s.slice(0, colon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
    }
    const halves = s.split('::');
    if (halves.length > 2) throw new Error(`bad IPv6 address ${text}`);
    const head = halves[0] ? halves[0].split(':') : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
    const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
    const groups = [...head, ...Array(fill).fill('0'), ...tail];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) throw new Error(`bad IPv6 ${text}`);
    return { v: 6, n: groups.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n) };
  }
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
    throw new Error(`bad IPv4 address ${text}`);
  return { v: 4, n: parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n) };
}

const WIDTH = { 4: 32, 6: 128 };

export function cidrToInterval(cidr) {
  const [addr, len] = cidr.trim().split('/');
  const { v, n } = parseAddress(addr);
  const bits = len === undefined ? WIDTH[v] : Number(len);
  if (!Number.isInteger(bits) || bits < 0 || bits > WIDTH[v]) throw new Error(`bad prefix length in ${cidr}`);
  const size = 1n << BigInt(WIDTH[v] - bits);
  const first = n - (n % size);
  return { v, first, last: first + size - 1n };
}

function formatAddress(v, n) {
  if (v === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const g = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  let best = -1;
  let len = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && g[j] === '0') j++;
    if (j - i > len) [best, len] = [i, j - i];
  }
  return best < 0 ? g.join(':') : `${g.slice(0, best).join(':')}::${g.slice(best + len).join(':')}`;
}

/** Sorted, merged intervals of one family. */
function merge(intervals) {
  const sorted = [...intervals].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.first <= last.last + 1n) {
      if (i.last > last.last) last.last = i.last;
    } else out.push({ ...i });
  }
  return out;
}

/** a minus b (both merged, one family). */
function subtract(a, b) {
  const out = [];
  for (const i of a) {
    let pieces = [{ ...i }];
    for (const x of b) {
      pieces = pieces.flatMap((p) => {
        if (x.last < p.first || x.first > p.last) return [p];
        const keep = [];
        if (x.first > p.first) keep.push({ v: p.v, first: p.first, last: x.first - 1n });
        if (x.last < p.last) keep.push({ v: p.v, first: x.last + 1n, last: p.last });
        return keep;
      });
    }
    out.push(...pieces);
  }
  return out;
}

/** The fewest CIDR blocks that cover an interval exactly. */
function toCidrs({ v, first, last }) {
  const out = [];
  let cur = first;
  while (cur <= last) {
    let bits = WIDTH[v];
    while (bits > 0) {
      const size = 1n << BigInt(WIDTH[v] - bits + 1);
      if (cur % size !== 0n || cur + size - 1n > last) break;
      bits--;
    }
    out.push(`${formatAddress(v, cur)}/${bits}`);
    cur += 1n << BigInt(WIDTH[v] - bits);
  }
  return out;
}

/** Merged CIDR lists per family: what a snapshot stores. */
export function compact(cidrs, minus = []) {
  const all = cidrs.map(cidrToInterval);
  const cut = minus.map(cidrToInterval);
  const family = (v) =>
    subtract(merge(all.filter((i) => i.v === v)), merge(cut.filter((i) => i.v === v))).flatMap(toCidrs);
  return { ipv4: family(4), ipv6: family(6) };
}

// ---- the providers' own lists ----
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Each source: the official URLs, and what to keep. `excluded` says what is left out on purpose and why (it is
 * written into the snapshot beside the data).
 */
export const SOURCES = {
  cloudflare: {
    urls: ['https://www.cloudflare.com/ips-v4', 'https://www.cloudflare.com/ips-v6'],
    docs: 'https://www.cloudflare.com/ips/',
    async take(get) {
      const [v4, v6] = await Promise.all(this.urls.map((u) => get(u, 'text')));
      const lines = (t) => t.split(/\s+/).filter(Boolean);
      return { cidrs: [...lines(v4), ...lines(v6)], selection: 'every range in both lists' };
    },
  },
  fastly: {
    urls: ['https://api.fastly.com/public-ip-list'],
    docs: 'https://www.fastly.com/documentation/reference/api/utils/public-ip-list/',
    async take(get) {
      const j = await get(this.urls[0], 'json');
      return { cidrs: [...j.addresses, ...(j.ipv6_addresses ?? [])], selection: 'addresses and ipv6_addresses' };
    },
  },
  cloudfront: {
    urls: ['https://ip-ranges.amazonaws.com/ip-ranges.json'],
    docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html',
    async take(get) {
      const j = await get(this.urls[0], 'json');
      const all = [
        ...j.prefixes.map((p) => ({ cidr: p.ip_prefix, service: p.service, region: p.region })),
        ...j.ipv6_prefixes.map((p) => ({ cidr: p.ipv6_prefix, service: p.service, region: p.region })),
      ];
      const edge = all.filter((p) => p.service === 'CLOUDFRONT' && p.region === 'GLOBAL').map((p) => p.cidr);
      const regional = all.filter((p) => p.service === 'CLOUDFRONT' && p.region !== 'GLOBAL').map((p) => p.cidr);
      const originFacing = all.filter((p) => p.service === 'CLOUDFRONT_ORIGIN_FACING').map((p) => p.cidr);
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(j.createDate ?? '');
      return {
        cidrs: edge,
        minus: [...regional, ...originFacing],
        published: m ? `${m[1]}-${m[2]}-${m[3]}` : null,
        selection: 'service CLOUDFRONT, region GLOBAL (the edge locations viewers connect to)',
        excluded: [
          {
            what: `CLOUDFRONT prefixes with a region (${regional.length}): the regional edge caches (the same set as CLOUDFRONT_REGIONAL_EDGE_IP_LIST of https://d7uri8nf7uskq.cloudfront.net/tools/list-cloudfront-ips)`,
            why: 'a mid-tier cache between the edge locations and the origin: viewers and a site’s DNS records never point there',
          },
          {
            what: `CLOUDFRONT_ORIGIN_FACING (${originFacing.length})`,
            why: 'the addresses CloudFront connects to origins from, not addresses a site is served at',
          },
        ],
      };
    },
  },
  'github-pages': {
    urls: ['https://api.github.com/meta'],
    docs: 'https://docs.github.com/en/rest/meta/meta#get-github-meta-information',
    async take(get) {
      const j = await get(this.urls[0], 'json');
      return { cidrs: j.pages, selection: '"pages": the addresses GitHub Pages sites are served from' };
    },
  },
  'azure-front-door': {
    // The service tag file is renamed every week (ServiceTags_Public_YYYYMMDD.json): its link is read from the
    // download page.
    urls: ['https://www.microsoft.com/en-us/download/details.aspx?id=56519'],
    docs: 'https://learn.microsoft.com/azure/virtual-network/service-tags-overview',
    async take(get) {
      const page = await get(this.urls[0], 'text');
      const link = /https:\/\/download\.microsoft\.com\/[^"'\s]*ServiceTags_Public_[^"'\s]*\.json/.exec(page)?.[0];
      if (!link) throw new Error('no ServiceTags_Public link on the download page');
      const j = await get(link, 'json');
      const tag = (name) => j.values.find((v) => v.name === name)?.properties.addressPrefixes ?? [];
      const m = /_(\d{4})(\d{2})(\d{2})\.json$/.exec(link);
      return {
        cidrs: tag('AzureFrontDoor.Frontend'),
        published: m ? `${m[1]}-${m[2]}-${m[3]}` : null,
        file: link,
        selection: `service tag AzureFrontDoor.Frontend (changeNumber ${j.changeNumber})`,
        excluded: [
          {
            what: 'AzureFrontDoor.Backend',
            why: 'the addresses Front Door connects to origins from, not addresses a site is served at',
          },
          {
            what: 'AzureFrontDoor.FirstParty and AzureFrontDoor.MicrosoftSecurity',
            why: 'Microsoft’s own services on the Front Door network, not customers’ sites',
          },
        ],
      };
    },
  },
};

/**
 * Google Cloud's load balancers are not listed on their own: https://www.gstatic.com/ipranges/cloud.json covers
 * every customer's external address (VMs as well), and a VM with the owner's own ACME client must not be taken
 * for a load balancer whose Google-managed certificate needs the address. Not fetched, on purpose.
 */
export const NOT_PUBLISHED = {
  'google-cloud-lb':
    'Google publishes no list of load balancer addresses: cloud.json is every Google Cloud customer address, VMs included (https://cloud.google.com/compute/docs/faq#find_ip_range)',
};

async function fetcher(base) {
  return async (url, kind) => {
    const target = base ? `${base.replace(/\/$/, '')}/${url.replace(/^https?:\/\//, '')}` : url;
    const res = await fetch(target, { headers: { 'user-agent': 'renewal-radar update-ranges' } });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return kind === 'json' ? res.json() : res.text();
  };
}

export async function updateRanges({ only, out, base, via = {}, date = {} } = {}) {
  const get = await fetcher(base);
  const dir = out ?? path.join(ROOT, 'src/core/providers/ranges');
  mkdirSync(dir, { recursive: true });
  const written = [];
  for (const [id, source] of Object.entries(SOURCES)) {
    if (only && !only.includes(id)) continue;
    const got = await source.take(get);
    const { ipv4, ipv6 } = compact(got.cidrs, got.minus ?? []);
    if (ipv4.length + ipv6.length === 0) throw new Error(`${id}: the list is empty`);
    const snapshot = {
      provider: id,
      source: source.urls,
      ...(got.file ? { file: got.file } : {}),
      docs: source.docs,
      fetched: date[id] ?? today(),
      published: got.published ?? null,
      ...(via[id] ? { via: via[id] } : {}),
      selection: got.selection,
      excluded: got.excluded ?? [],
      listed: got.cidrs.length,
      ipv4,
      ipv6,
    };
    writeFileSync(path.join(dir, `${id}.json`), `${JSON.stringify(snapshot, null, 1)}\n`);
    written.push({ id, ipv4: ipv4.length, ipv6: ipv6.length, fetched: snapshot.fetched });
    console.log(
      `${id}: ${got.cidrs.length} listed → ${ipv4.length} IPv4 + ${ipv6.length} IPv6 blocks (${snapshot.fetched})`,
    );
  }
  for (const [id, why] of Object.entries(NOT_PUBLISHED)) if (!only || only.includes(id)) console.log(`${id}: ${why}`);
  return written;
}

function pairs(args, flag) {
  const out = {};
  args.forEach((a, i) => {
    if (a !== flag) return;
    const [k, ...v] = args[i + 1].split('=');
    out[k] = v.join('=');
  });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  updateRanges({
    only: opt('--only')?.split(','),
    out: opt('--out'),
    base: opt('--base'),
    via: pairs(args, '--via'),
    date: pairs(args, '--date'),
  }).catch((e) => {
    console.error(`update-ranges: ${e.message}`);
    process.exit(1);
  });
}
