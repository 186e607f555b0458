// The CLI contract (docs/design.md "CLI contract"): flags, exit codes, bad input → 64 with one clear line,
// languages, output forms.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { runCli } from './helpers';

let lab: Lab;
before(async () => {
  lab = await Lab.start({
    worlds: loadWorlds((w) => ['xserver-cloudflare-proxy', 'xserver-healthy', 'cert-name-mismatch'].includes(w.id)),
  });
});
after(() => lab.close());
const trusted = () => ({ NODE_EXTRA_CA_CERTS: lab.caPemPath });

describe('CLI usage', () => {
  it('--version and --help', async () => {
    const v = await runCli(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout.trim(), /^\d+\.\d+\.\d+$/);
    const h = await runCli(['--help']);
    assert.equal(h.code, 0);
    for (const flag of [
      '--json',
      '--lang',
      '--now',
      '--doh',
      '--ct',
      '--ca-status',
      '--rdap',
      '--connect-to',
      '--insecure',
      '--timeout',
      '--provider',
      'Examples:',
    ])
      assert.ok(h.stdout.includes(flag), flag);
  });
  for (const [what, args] of [
    ['no arguments', []],
    ['an empty host', ['check', '']],
    ['a malformed host', ['check', 'exa mple..com']],
    ['an unknown flag', ['check', 'example.jp', '--frobnicate']],
    ['a bad --doh URL', ['check', 'example.jp', '--doh', 'not a url']],
    ['a non-http --ct URL', ['check', 'example.jp', '--ct', 'ftp://ct.example/']],
    ['a bad --now', ['check', 'example.jp', '--now', 'yesterday']],
    ['a bad --timeout', ['check', 'example.jp', '--timeout', '-5']],
    ['an unknown --provider', ['check', 'example.jp', '--provider', 'nope']],
    ['a bad --lang', ['check', 'example.jp', '--lang', 'fr']],
    ['a bad --connect-to', ['check', 'example.jp', '--connect-to', 'a:b']],
    ['an unknown command', ['inspect', 'example.jp']],
    ['--shard 5/4', ['check', 'a.jp', 'b.jp', '--shard', '5/4']],
    ['--concurrency 0', ['check', 'a.jp', 'b.jp', '--concurrency', '0']],
    ['--shard with one host', ['check', 'a.jp', '--shard', '1/2']],
    ['hosts and --from-file', ['check', 'a.jp', '--from-file', 'x.txt']],
    ['an unreadable --from-file', ['check', '--from-file', '/nonexistent/sites.txt']],
    ['a --ct-key with spaces', ['check', 'a.jp', '--ct-key', 'a b']],
  ] as [string, string[]][]) {
    it(`exit 64 with one clear line for ${what}`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 64, r.stderr);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      if (args.length) assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^renewal-radar: |^renewal-radar \d/);
      assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    });
  }
  it('not applicable: IP literal, localhost, single label, no public suffix → exit 0', async () => {
    for (const host of ['192.0.2.10', 'http://localhost:3000/', 'intranet', 'printer.local']) {
      const r = await runCli(['check', host, '--json', '--doh', lab.dohUrl]);
      assert.equal(r.code, 0, host);
      assert.equal(JSON.parse(r.stdout).verdict, 'not-applicable', host);
    }
  });
  it('a dead resolver → unknown, exit 3, never ok', async () => {
    const r = await runCli(
      [
        'check',
        'sakura-mochi-tanaka.jp',
        '--json',
        '--doh',
        'http://127.0.0.1:9/dns-query',
        '--timeout',
        '500',
        '--ct',
        lab.ctBase,
        '--rdap',
        lab.rdapBase,
        '--ca-status',
        lab.caStatusUrl(),
        ...lab.connectTo().flatMap((c) => ['--connect-to', c]),
      ],
      trusted(),
    );
    assert.equal(r.code, 3, r.stdout);
    const j = JSON.parse(r.stdout);
    assert.equal(j.verdict, 'unknown');
    assert.ok(j.findings.some((f: { code: string }) => f.code === 'DNS_LOOKUP_FAILED'));
  });
  it('--doh is repeatable: the second resolver answers when the first is dead', async () => {
    const r = await runCli(
      [
        'check',
        'sakura-mochi-tanaka.jp',
        '--json',
        '--doh',
        'http://127.0.0.1:9/dns-query',
        '--timeout',
        '1000',
        ...lab.cliArgs(),
      ],
      trusted(),
    );
    assert.equal(JSON.parse(r.stdout).verdict, 'ok', r.stdout);
  });
  it('human output: the verdict sentence first, findings with evidence and numbered steps; Japanese with --lang ja', async () => {
    const en = await runCli(['check', 'hayamiz-shop.jp', ...lab.cliArgs()], trusted());
    assert.equal(en.code, 2);
    const first = en.stdout.split('\n')[0];
    assert.match(
      first,
      /^hayamiz-shop\.jp — The next certificate renewal will fail\. hayamiz-shop\.jp points at Cloudflare's proxy/,
    );
    assert.match(en.stdout, /\n {4}1\. Stop Cloudflare's proxy/);
    assert.match(en.stdout, /Seen: MX sv12718\.xserver\.jp → Xserver/);
    assert.ok(!en.stdout.includes('\x1b['), 'no colour without a TTY');
    const ja = await runCli(['check', 'hayamiz-shop.jp', '--lang', 'ja', ...lab.cliArgs()], trusted());
    assert.match(ja.stdout.split('\n')[0], /次回のSSL証明書の更新は失敗します。.*Cloudflareのプロキシ/);
    assert.match(ja.stdout, /サーバーパネルの「SSL設定」を開き、対象のドメインを選んで「更新」を押します/);
    assert.match(ja.stdout, /サーバー会社: エックスサーバー/);
    const envJa = await runCli(['check', 'hayamiz-shop.jp', ...lab.cliArgs()], { ...trusted(), LANG: 'ja_JP.UTF-8' });
    assert.match(envJa.stdout, /次回のSSL証明書の更新は失敗します/, 'language from the environment');
  });
  it('JSON has exactly the contract fields', async () => {
    const r = await runCli(['check', 'https://Hayamiz-Shop.jp/blog/', '--json', ...lab.cliArgs()], trusted());
    const j = JSON.parse(r.stdout);
    for (const k of [
      'host',
      'registrableDomain',
      'checkedAt',
      'verdict',
      'provider',
      'cdn',
      'certificate',
      'originCertificate',
      'findings',
    ])
      assert.ok(k in j, k);
    assert.equal(j.host, 'hayamiz-shop.jp');
    assert.deepEqual(Object.keys(j.provider).sort(), ['confidence', 'evidence', 'id', 'name']);
    assert.equal(j.provider.confidence, 'high');
    // Behind Cloudflare: Xserver's own certificate, from CT, in the same shape.
    assert.deepEqual(Object.keys(j.originCertificate).sort(), [
      'issuer',
      'names',
      'notAfter',
      'notBefore',
      'source',
      'subject',
    ]);
    assert.equal(j.originCertificate.source, 'ct');
    assert.match(j.originCertificate.issuer, /R11/);
    // Who runs each nameserver, structurally.
    assert.deepEqual(j.nameservers, [
      { name: 'ada.ns.cloudflare.com', provider: 'cloudflare' },
      { name: 'bob.ns.cloudflare.com', provider: 'cloudflare' },
    ]);
    assert.deepEqual(Object.keys(j.cdn).sort(), ['id', 'name']);
    assert.deepEqual(Object.keys(j.certificate).sort(), [
      'issuer',
      'names',
      'notAfter',
      'notBefore',
      'source',
      'subject',
    ]);
    assert.equal(j.certificate.source, 'connection');
    assert.deepEqual(j.certificate.names, ['hayamiz-shop.jp', '*.hayamiz-shop.jp'], 'SANs parsed from the DER');
    for (const f of j.findings)
      for (const k of Object.keys(f)) assert.ok(['code', 'severity', 'message', 'fix', 'evidence'].includes(k), k);
  });
  it('a chain that does not lead to a trusted root is CERT_UNTRUSTED; --insecure reads and reports it without', async () => {
    // Without NODE_EXTRA_CA_CERTS the lab's root is unknown to the CLI, as a private CA's would be.
    const strict = JSON.parse((await runCli(['check', 'sakura-mochi-tanaka.jp', '--json', ...lab.cliArgs()])).stdout);
    assert.equal(strict.certificate?.source, 'connection', 'the served certificate is still read');
    assert.equal(strict.verdict, 'fail');
    assert.ok(
      strict.findings.some(
        (f: { code: string; severity: string }) => f.code === 'CERT_UNTRUSTED' && f.severity === 'fail',
      ),
    );
    const loose = JSON.parse(
      (await runCli(['check', 'sakura-mochi-tanaka.jp', '--json', '--insecure', ...lab.cliArgs()])).stdout,
    );
    assert.equal(loose.certificate?.source, 'connection');
    assert.equal(loose.certificate?.issuer, 'R11');
    assert.ok(!loose.findings.some((f: { code: string }) => f.code === 'CERT_UNTRUSTED'));
  });
  it('--provider forces the origin host', async () => {
    const j = JSON.parse(
      (await runCli(['check', 'hayamiz-shop.jp', '--json', '--provider', 'sakura', ...lab.cliArgs()], trusted()))
        .stdout,
    );
    assert.equal(j.provider.id, 'sakura');
  });
  it('--now evaluates as of that instant', async () => {
    const later = new Date(lab.now + 60 * 86_400_000).toISOString();
    const args = lab.cliArgs().map((a) => (a === lab.nowIso ? later : a));
    const j = JSON.parse((await runCli(['check', 'sakura-mochi-tanaka.jp', '--json', ...args], trusted())).stdout);
    assert.ok(
      j.findings.some((f: { code: string }) => f.code === 'CERT_EXPIRING_SOON'),
      JSON.stringify(j.findings.map((f: { code: string }) => f.code)),
    );
  });
  it('providers lists every known host and CDN', async () => {
    const r = await runCli(['providers', '--json']);
    const list = JSON.parse(r.stdout) as {
      id: string;
      kind: string;
      names: { en: string; ja: string };
      sources: number;
    }[];
    assert.ok(list.filter((p) => p.kind !== 'dns').length >= 22);
    assert.ok(list.every((p) => p.id && p.names.en && p.names.ja && p.sources > 0));
    const text = await runCli(['providers']);
    assert.match(text.stdout, /^xserver\s+host\s+Xserver \/ エックスサーバー/m);
  });
});
