// Issue #26, "inputs said back exactly and safely": host:port is a host and a port; credentials never echoed in any
// input form or flag; ports validated; unknown flags escaped and cut; a closed pipe ends quietly; a list that never
// ends is refused while it is read.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { CLI, runCli } from './helpers';

const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069]/u;
const HOSTS = ['sakura-mochi-tanaka.jp', 'hayamiz-shop.jp', 'kyoto-kimono-rental.jp'];

let lab: Lab;
before(async () => {
  lab = await Lab.start({
    worlds: loadWorlds((w) => ['sakura-healthy', 'xserver-cloudflare-proxy', 'xserver-healthy'].includes(w.id)),
  });
});
after(() => lab?.close());
const trusted = () => ({ NODE_EXTRA_CA_CERTS: lab.caPemPath });

/** One clear line on stderr, exit 64, nothing on stdout, no stack. */
function usageLine(r: { code: number; stdout: string; stderr: string }) {
  assert.equal(r.code, 64, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^renewal-radar: /);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
}

describe('host:port is a host and a port', () => {
  it('check sakura-mochi-tanaka.jp:443 checks the host (not "a URL with scheme sakura-mochi-tanaka.jp:")', async () => {
    const r = await runCli(['check', 'sakura-mochi-tanaka.jp:443', '--json', ...lab.cliArgs()], trusted());
    const j = JSON.parse(r.stdout);
    assert.equal(j.host, 'sakura-mochi-tanaka.jp');
    assert.equal(j.verdict, 'ok', r.stdout);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '', '443 is the port the certificate is read on: nothing to say');
  });
  it('a port the CA never uses: says which ports it uses, checks the host, exit code of the verdict', async () => {
    for (const lang of ['en', 'ja']) {
      const r = await runCli(['check', 'hayamiz-shop.jp:8443', '--json', '--lang', lang, ...lab.cliArgs()], trusted());
      const j = JSON.parse(r.stdout);
      assert.equal(j.host, 'hayamiz-shop.jp');
      assert.notEqual(j.verdict, 'not-applicable');
      assert.equal(r.code, 2, 'the fail verdict of the host, not 0');
      assert.match(r.stderr, /8443/);
      assert.match(r.stderr, /80 ?[(（]HTTP-01/);
      assert.match(r.stderr, /443 ?[(（]TLS-ALPN-01/);
      if (lang === 'ja') assert.match(r.stderr, /認証局/);
    }
  });
});

describe('credentials are never said back', () => {
  for (const [what, args] of [
    ['user:password@host without a scheme', ['check', 'admin:S3cretPw@exa mple.jp']],
    ['credentials with an IP literal', ['check', 'admin:S3cretPw@192.0.2.10', '--json']],
    ['an ftp:// URL', ['check', 'ftp://admin:S3cretPw@example.jp/', '--json']],
    ['a password with an @ in it', ['check', 'https://admin:S3cret@Pw@exa mple.jp/']],
    ['an unparseable URL', ['check', 'http://admin:S3cretPw@[bad/']],
    ['--doh ftp://user:pw@…', ['check', 'example.jp', '--doh', 'ftp://admin:S3cretPw@dns.example/']],
    ['--doh with an unparseable URL', ['check', 'example.jp', '--doh', 'https://admin:S3cretPw@[x']],
    ['--ct with credentials', ['check', 'example.jp', '--ct', 'ftp://admin:S3cretPw@ct.example/']],
  ] as [string, string[]][]) {
    it(`${what}: not echoed`, async () => {
      const r = await runCli(args);
      assert.ok(!/s3cret|pw@/i.test(r.stdout + r.stderr), `${r.stdout}${r.stderr}`);
      assert.ok(r.stdout + r.stderr, 'something was said');
    });
  }
  it('fleet list lines in every form: not echoed (table and NDJSON)', async () => {
    const list = [
      'admin:S3cretPw@192.0.2.10',
      'ftp://admin:S3cretPw@example.jp/',
      'admin:S3cretPw@exa mple.jp',
      'http://admin:S3cretPw@[bad/',
      'https://admin:S3cret@Pw@localhost/',
    ].join('\n');
    for (const json of [[], ['--json']]) {
      const r = await runCli(['check', '--from-file', '-', ...json, '--doh', lab.dohUrl], {}, list);
      assert.ok(!/s3cret|pw@/i.test(r.stdout + r.stderr), `${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /192\.0\.2\.10/);
    }
    const doc = JSON.stringify({ format: 'renewal-radar-watchlist', sites: [{ url: 'https://a:S3cretPw@x.jp' }] });
    const r = await runCli(['check', '--from-file', '-', '--json', '--doh', lab.dohUrl], {}, doc);
    assert.ok(!/s3cret/i.test(r.stdout + r.stderr), r.stdout);
  });
});

describe('flag values are validated and said back safely', () => {
  for (const [what, args] of [
    ['--connect-to port 0', ['check', 'example.jp', '--connect-to', '::127.0.0.1:0']],
    ['--connect-to port 99999', ['check', 'example.jp', '--connect-to', 'example.jp:99999:127.0.0.1:443']],
    ['--whois port 0', ['check', 'example.jp', '--whois', '127.0.0.1:0']],
    ['--whois port 99999', ['check', 'example.jp', '--whois', '127.0.0.1:99999']],
  ] as [string, string[]][]) {
    it(`${what}: exit 64`, async () => usageLine(await runCli(args)));
  }
  it('an unknown flag with ESC, BEL and U+202E: shown escaped', async () => {
    const r = await runCli(['check', 'example.jp', '--evil\u001b]0;owned\u0007\u202etxt.exe']);
    usageLine(r);
    assert.ok(!RAW_UNSAFE.test(r.stderr), JSON.stringify(r.stderr));
    assert.match(r.stderr, /--evil\\x1b\]0;owned\\x07\\u202etxt\.exe/);
  });
  it('a 100,000-character flag: one short line', async () => {
    const r = await runCli(['check', 'example.jp', `--${'a'.repeat(100_000)}`]);
    usageLine(r);
    assert.ok(r.stderr.length < 300, `${r.stderr.length} characters`);
  });
  it('a 100,000-character command and --lang value: cut too', async () => {
    for (const args of [['x'.repeat(100_000)], ['check', 'a.jp', '--lang', `\u001b[2J${'x'.repeat(100_000)}`]]) {
      const r = await runCli(args);
      usageLine(r);
      assert.ok(r.stderr.length < 300 && !RAW_UNSAFE.test(r.stderr), r.stderr.slice(0, 200));
    }
  });
});

/** The CLI with its stdout piped into `head -1`, through bash so PIPESTATUS gives the CLI's own exit code. */
function throughHead(
  args: string[],
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `"${process.execPath}" "${CLI}" ${quoted} | head -1; exit \${PIPESTATUS[0]}`],
      { env: { ...process.env, NO_COLOR: '1', LANG: 'C', LC_ALL: '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? -1) : 0 }),
    );
  });
}

describe('a closed pipe ends quietly', () => {
  it('check … | head -1: no EPIPE stack, the usual exit code', async () => {
    // A table written row by row while head has already gone after the first line.
    const r = await throughHead(['check', ...HOSTS, ...lab.cliArgs()], trusted());
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.equal(r.stderr, '', 'nothing on stderr');
    assert.equal(r.code, 2, 'the worst verdict (hayamiz-shop.jp fails), as without the pipe');
  });
});

describe('a list that never ends is refused while it is read', () => {
  it('--from-file - with endless standard input: exit 64 after about 10 MB, not at the end', async () => {
    const child = spawn(process.execPath, [CLI, 'check', '--from-file', '-'], {
      env: { ...process.env, LANG: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.resume();
    let written = 0;
    let closed = false;
    const line = Buffer.from(`${'a'.repeat(60)}.example.jp\n`.repeat(1024)); // 73 KB of host names
    child.stdin.on('error', () => {
      closed = true;
    });
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => {
        closed = true;
        resolve(c);
      });
      const pump = () => {
        // Up to 400 MB if nothing stops it.
        while (!closed && written < 400 * 1048576) {
          written += line.length;
          if (!child.stdin.write(line)) {
            child.stdin.once('drain', pump);
            return;
          }
        }
        if (!closed) child.stdin.end();
      };
      pump();
    });
    assert.equal(code, 64, stderr);
    assert.match(stderr, /^renewal-radar: --from-file: more than 10 MB/);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.ok(written < 16 * 1048576, `${(written / 1048576).toFixed(1)} MB were accepted before the refusal`);
  });
  it('--from-file /dev/zero: exit 64, quickly', async () => {
    const started = Date.now();
    const r = await runCli(['check', '--from-file', '/dev/zero']);
    usageLine(r);
    assert.match(r.stderr, /more than 10 MB/);
    assert.ok(Date.now() - started < 15_000);
  });
});
