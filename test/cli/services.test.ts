// Each outside service as its documentation says it behaves, against the lab's model of it: Cert Spotter's
// pages and quota (sslmate.com/help/reference/ct_search_api_v1), status.io's components
// (kb.status.io/developers/public-status-api), rdap.org's bootstrap redirects and 404s (about.rdap.org, RFC 9224),
// and JPRS WHOIS (jprs.jp/about/dom-search/jprs-whois/).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { fetchRenewalInfo, newAriCache } from '../../src/core/certificates/ari';
import { fetchCaStatus } from '../../src/core/sources/ca-status';
import { retryAfterMs } from '../../src/core/network/retry-after';
import { fetchHistory, fetchIssuances, HISTORY_MAX_AGE_DAYS, type CtQuota } from '../../src/core/sources/ct';
import { fetchRdap } from '../../src/core/sources/rdap';
import { nodeHttpClient, nodeSiteProbe, parseConnectTo } from '../../src/cli/node-transports';
import { challengeUrl, firstRedirectProblem, probeChallenge } from '../../src/core/sources/challenge-probe';
import { nodeWhois } from '../../src/cli/whois';
import { Lab } from '../lab/server';
import { loadWorlds, type World } from '../lab/world';

const many: World = {
  id: 'ct-many',
  title: 'five certificates',
  target: 'paged-shop.com',
  zones: { 'paged-shop.com': { records: { '@': { A: ['183.181.96.79'] } } } },
  ct: [1, 2, 3, 4, 5].map((i) => ({
    names: ['paged-shop.com'],
    notBefore: `-${60 - i * 10}d`,
    notAfter: `+${30 + i * 10}d`,
  })),
  expect: { verdict: 'ok' },
};
const html: World = {
  ...many,
  id: 'ct-html',
  target: 'html-ct-shop.com',
  zones: { 'html-ct-shop.com': { records: { '@': { A: ['183.181.96.79'] } } } },
  ct: 'html',
};
const sjis: World = {
  id: 'whois-sjis',
  title: 'sjis',
  target: 'tanaka-sweets.jp',
  zones: { 'tanaka-sweets.jp': { records: { '@': { A: ['183.181.96.79'] } } } },
  whois: { fixture: 'tanaka-sweets.jp.ja.sjis.txt' },
  expect: { verdict: 'ok' },
};

const old: World = {
  id: 'ct-old',
  title: 'a certificate that ended long ago, and a recent one',
  target: 'long-ago-shop.com',
  zones: { 'long-ago-shop.com': { records: { '@': { A: ['183.181.96.79'] } } } },
  ct: [
    {
      names: ['long-ago-shop.com'],
      notBefore: `-${HISTORY_MAX_AGE_DAYS + 91}d`,
      notAfter: `-${HISTORY_MAX_AGE_DAYS + 1}d`,
    },
    { names: ['long-ago-shop.com', 'www.long-ago-shop.com'], notBefore: '-200d', notAfter: '-110d' },
    { names: ['*.long-ago-shop.com'], notBefore: '-20d', notAfter: '+70d' },
  ],
  expect: { verdict: 'ok' },
};

let lab: Lab;
before(async () => {
  lab = await Lab.start({ worlds: [...loadWorlds(), many, html, sjis, old], ctPageSize: 2 });
});
after(() => lab?.close());
const ct = () => [{ kind: 'certspotter' as const, base: lab.ctBase }];

describe('Cert Spotter', () => {
  it('pages oldest first with after=<last id> until an empty page; the newest certificate is read', async () => {
    lab.resetLog();
    const r = await fetchIssuances(nodeHttpClient, ct(), 'paged-shop.com', 3000, { now: lab.now });
    assert.ok(r.ok);
    assert.equal(r.issuances.length, 5);
    assert.equal(r.pages, 4, '3 pages of 2, then the empty one');
    assert.equal(lab.count('ct'), 4);
    const newest = r.issuances.map((i) => Date.parse(i.notBefore)).sort((a, b) => b - a)[0];
    assert.equal(
      newest,
      Date.parse(r.issuances[r.issuances.length - 1].notBefore),
      'oldest first: the newest is on the last page',
    );
  });
  it('a 429 with Retry-After is remembered: no request until then, and the reason says so', async () => {
    lab.ctQuotaPerHour = 1;
    lab.ctClock = () => lab.now;
    try {
      const quota: CtQuota = { blockedUntil: 0 };
      await fetchIssuances(nodeHttpClient, ct(), 'paged-shop.com', 3000, { quota, now: lab.now });
      const blocked = await fetchIssuances(nodeHttpClient, ct(), 'paged-shop.com', 3000, { quota, now: lab.now });
      assert.equal(blocked.ok, false);
      assert.ok(!blocked.ok && blocked.retryAt && blocked.retryAt > lab.now && quota.blockedUntil === blocked.retryAt);
      lab.resetLog();
      const again = await fetchIssuances(nodeHttpClient, ct(), 'sakura-mochi-tanaka.jp', 3000, { quota, now: lab.now });
      assert.equal(again.ok, false);
      assert.equal(lab.count('ct'), 0, 'no request while blocked');
    } finally {
      lab.ctQuotaPerHour = undefined;
    }
  });
  it('our own hourly budget keeps us under the free tier without ever meeting the 429', async () => {
    const quota: CtQuota = { blockedUntil: 0, hourlyBudget: 3 };
    lab.resetLog();
    const r = await fetchIssuances(nodeHttpClient, ct(), 'paged-shop.com', 3000, { quota, now: lab.now });
    assert.equal(r.ok, false);
    assert.equal(lab.count('ct'), 3);
  });
  it('Retry-After: seconds, an HTTP date, the past or the far future are all handled', () => {
    const now = Date.parse('2026-11-28T00:00:00Z');
    assert.equal(retryAfterMs('120', now), 120_000);
    assert.equal(retryAfterMs('Sat, 28 Nov 2026 01:00:00 GMT', now), 3_600_000);
    assert.equal(retryAfterMs('Sat, 28 Nov 2020 01:00:00 GMT', now), 60_000, 'the past → a minute');
    assert.equal(retryAfterMs('99999999', now), 24 * 3_600_000, 'the far future → a day at most');
    assert.equal(retryAfterMs('soon', now), 60_000);
  });
  it('a 200 with an HTML page is an error, never "no certificates"', async () => {
    const r = await fetchIssuances(nodeHttpClient, ct(), 'html-ct-shop.com', 3000, { now: lab.now });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /HTML page/);
  });
});

describe('crt.sh (the advanced search form, https://crt.sh/?a=1)', () => {
  const search = async (query: string) => {
    const res = await fetch(`${lab.crtshBase}/?${query}`);
    return (await res.json()) as { name_value: string; not_after: string; serial_number: string }[];
  };
  it('the lab answers as crt.sh: expired certificates unless exclude=expired; a precertificate and its certificate unless deduplicate=Y', async () => {
    const all = await search('q=cron-sixty.net&output=json');
    assert.equal(all.length, 6, 'three certificates, each as precertificate and certificate');
    assert.equal(new Set(all.map((e) => e.serial_number)).size, 3);
    assert.equal((await search('q=cron-sixty.net&output=json&deduplicate=Y')).length, 3);
    const live = await search('q=cron-sixty.net&output=json&deduplicate=Y&exclude=expired');
    assert.equal(live.length, 1);
    assert.ok(!live[0].not_after.endsWith('Z'), 'UTC without a zone, as crt.sh writes it');
  });
  it('the history: expired certificates for the exact name, none that ended over 400 days ago, one per issuance', async () => {
    lab.resetLog();
    const r = await fetchHistory(
      nodeHttpClient,
      { kind: 'crtsh', base: lab.crtshBase },
      'long-ago-shop.com',
      3000,
      lab.now,
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.issuances.map((i) => i.names.join(' ')),
      ['long-ago-shop.com www.long-ago-shop.com'],
      'the one that ended 401 days ago is dropped; the wildcard is not the exact name',
    );
    assert.equal(lab.count('crtsh'), 1);
  });
  it('an overloaded crt.sh (502) or a junk answer is a reason, never an empty history', async () => {
    const down = await fetchHistory(
      nodeHttpClient,
      { kind: 'crtsh', base: lab.crtshBase },
      'crtsh-down.net',
      3000,
      lab.now,
    );
    assert.equal(down.ok, false);
    assert.match(!down.ok ? down.reason : '', /HTTP 502/);
    const junk = await fetchHistory(
      nodeHttpClient,
      { kind: 'crtsh', base: lab.crtshBase },
      'html-ct-shop.com',
      3000,
      lab.now,
    );
    assert.equal(junk.ok, false);
  });
});

describe('HTTP-01 redirect chains through the real transport', () => {
  it('11 redirects are followed and the 12th refused, whatever the random token ends with', async () => {
    const rules = lab.connectTo().map((r) => parseConnectTo(r)!);
    for (const token of ['x'.repeat(43), `${'A'.repeat(42)}x`, 'A'.repeat(43)]) {
      const eleven = await probeChallenge(nodeSiteProbe(rules), challengeUrl('eleven-hops-shop.jp', token), 3000);
      assert.equal(eleven.hops.length, 12, token);
      assert.equal(eleven.hops[11].status, 404);
      assert.equal(firstRedirectProblem(eleven.hops), null);
      const twelve = await probeChallenge(nodeSiteProbe(rules), challengeUrl('twelve-hops-shop.jp', token), 3000);
      assert.equal(firstRedirectProblem(twelve.hops)?.rule, 'too-many', token);
    }
  });
});

describe("ARI (RFC 9773) against the lab's directory and renewalInfo", () => {
  const rfcCert = new Uint8Array(
    Buffer.from(
      readFileSync(new URL('../unit/fixtures/ari/rfc9773-appendix-a.pem', import.meta.url), 'utf8').replace(
        /-----[^-]+-----|\s/g,
        '',
      ),
      'base64',
    ),
  );
  it('a directory without renewalInfo, a certificate the CA does not know (404), a CA that cannot be reached: a reason, never a window', async () => {
    const noAri = await fetchRenewalInfo(
      nodeHttpClient,
      `${lab.apiBase}/acme-limited/directory`,
      rfcCert,
      3000,
      lab.now,
    );
    assert.match(!noAri.ok ? noAri.reason : '', /no renewalInfo/);
    const unknown = await fetchRenewalInfo(nodeHttpClient, `${lab.apiBase}/acme/directory`, rfcCert, 3000, lab.now);
    assert.match(!unknown.ok ? unknown.reason : '', /404/);
    const down = await fetchRenewalInfo(nodeHttpClient, 'http://127.0.0.1:9/directory', rfcCert, 3000, lab.now);
    assert.equal(down.ok, false);
  });
  it('the directory is fetched once, and an answer is kept for its Retry-After', async () => {
    const cache = newAriCache();
    lab.resetLog();
    await fetchRenewalInfo(nodeHttpClient, `${lab.apiBase}/acme/directory`, rfcCert, 3000, lab.now, cache);
    await fetchRenewalInfo(nodeHttpClient, `${lab.apiBase}/acme/directory`, rfcCert, 3000, lab.now, cache);
    assert.equal(lab.log.filter((e) => e.detail === '/acme/directory').length, 1);
  });
});

describe('status.io, RDAP and JPRS WHOIS', () => {
  it('the status page lists production, Staging, website and forum components', async () => {
    const s = await fetchCaStatus(nodeHttpClient, lab.caStatusUrl('ca-staging-maintenance'), 3000);
    assert.ok(s.ok);
    assert.deepEqual(
      s.components.map((c) => [c.name, c.code]),
      [
        ['ACME API (Production)', 100],
        ['ACME API (Staging)', 200],
        ['Website', 100],
      ],
    );
    assert.deepEqual(s.maintenanceActive[0].components, ['ACME API (Staging)']);
  });
  it("rdap.org's own 404 (no RDAP for .jp) is told from the registry's 404 (unknown domain) by the redirect", async () => {
    const jp = await fetchRdap(nodeHttpClient, lab.rdapBase, 'sakura-mochi-tanaka.jp', 3000);
    assert.equal(!jp.ok && jp.kind, 'no-rdap');
    const unknown = await fetchRdap(nodeHttpClient, lab.rdapBase, 'never-registered-example.com', 3000);
    assert.equal(!unknown.ok && unknown.kind, 'not-found');
    const known = await fetchRdap(nodeHttpClient, lab.rdapBase, 'redemption-shop-example.com', 3000);
    assert.deepEqual(known.ok && known.statuses, ['redemption period']);
  });
  it('JPRS WHOIS over port 43: English answers, and an answer in Shift_JIS', async () => {
    const whois = nodeWhois(`127.0.0.1:${lab.whoisPort}`);
    const en = await whois('whois-soon-shop.jp', 3000);
    assert.ok(en.ok && en.source === 'whois' && en.expiration);
    const ja = await whois('tanaka-sweets.jp', 3000);
    assert.deepEqual(ja.ok && [ja.expiration, ja.statuses], ['2026-12-31T14:59:59.000Z', ['active']]);
    const none = await whois('no-such-shop.jp', 3000);
    assert.equal(!none.ok && none.kind, 'not-found');
  });
});
