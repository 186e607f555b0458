// Let's Encrypt's own test ACME server, Debian's `pebble` package, wired to the lab: its validation authority
// resolves names through a small UDP DNS server here (a site → 127.0.0.1, where the lab's sites listen; a site
// whose port 80 refuses → 127.0.0.2, where nothing listens), and connects to the lab's HTTP port (pebble's
// "httpPort"). Its ACME listener uses a certificate from the lab CA, so clients trust it through
// NODE_EXTRA_CA_CERTS. Started per test file, stopped after; PEBBLE_VA_NOSLEEP=1 skips its random delays.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import type { Lab } from './server';

export const PEBBLE = '/usr/bin/pebble';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

export class Pebble {
  private constructor(
    private proc: ChildProcess,
    private dns: dgram.Socket,
    readonly directoryUrl: string,
    readonly output: string[],
  ) {}

  static async start(lab: Lab): Promise<Pebble> {
    if (!existsSync(PEBBLE)) throw new Error(`${PEBBLE} is missing: apt-get install pebble (.ci/run does)`);
    const dns = dgram.createSocket('udp4');
    dns.on('message', (msg, rinfo) => {
      let q: dnsPacket.Packet;
      try {
        q = dnsPacket.decode(msg);
      } catch {
        return;
      }
      const question = q.questions?.[0];
      if (!question) return;
      const name = question.name.toLowerCase().replace(/\.$/, '');
      const spec = lab.siteSpec(name);
      const answers: dnsPacket.Answer[] =
        spec && question.type === 'A'
          ? [
              {
                type: 'A',
                name: question.name,
                ttl: 60,
                data: spec.challenge === 'refused' ? '127.0.0.2' : '127.0.0.1',
              },
            ]
          : [];
      const reply = dnsPacket.encode({
        type: 'response',
        id: q.id,
        flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
        rcode: spec ? 'NOERROR' : 'NXDOMAIN',
        questions: [question],
        answers,
      } as dnsPacket.Packet);
      dns.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => dns.bind(0, '127.0.0.1', () => r()));
    const dnsPort = dns.address().port;
    const [listen, manage] = [await freePort(), await freePort()];
    const cert = await lab.issueService(['localhost']);
    const certPath = path.join(lab.dir, 'pebble-cert.pem');
    const keyPath = path.join(lab.dir, 'pebble-key.pem');
    writeFileSync(certPath, cert.chainPem);
    writeFileSync(keyPath, cert.keyPem);
    const configPath = path.join(lab.dir, 'pebble-config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        pebble: {
          listenAddress: `127.0.0.1:${listen}`,
          managementListenAddress: `127.0.0.1:${manage}`,
          certificate: certPath,
          privateKey: keyPath,
          httpPort: lab.httpPort,
          tlsPort: lab.httpsPort,
          ocspResponderURL: '',
          externalAccountBindingRequired: false,
        },
      }),
    );
    const proc = spawn(PEBBLE, ['-config', configPath, '-dnsserver', `127.0.0.1:${dnsPort}`], {
      env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pebble did not start: ${output.join('')}`)), 15_000);
      const onData = (d: Buffer) => {
        output.push(d.toString());
        if (/ACME directory available|Listening on/.test(output.join(''))) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`pebble exited (${code}): ${output.join('')}`));
      });
    });
    return new Pebble(proc, dns, `https://localhost:${listen}/dir`, output);
  }

  async close() {
    this.proc.kill('SIGTERM');
    await new Promise((r) => this.dns.close(() => r(null)));
  }
}
