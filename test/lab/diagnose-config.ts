// diagnose() wired to the lab the way the CLI wires it to the internet: Node's transports, the lab's DoH, CT, RDAP
// and CA status, every site name routed to the lab's ports, the lab's clock, the lab CA's chains accepted. One
// config for the bench and the tests that run the engine in-process; `overrides` adds or replaces fields (a
// shared resolver, WHOIS and ARI, a world's status page, a test's own clock — the resolver then uses it too).
import { nodeCertificateReader, nodeHttpClient, nodeSiteProbe, parseConnectTo } from '../../src/cli/node-transports';
import { parseDer } from '../../src/core/certificates/x509';
import { DohResolver } from '../../src/core/dns/resolver';
import type { DiagnoseConfig } from '../../src/core/engine/diagnose';
import type { Lab } from './server';

export function labDiagnoseConfig(lab: Lab, overrides: Partial<DiagnoseConfig> = {}): DiagnoseConfig {
  const rules = lab.connectTo().map((r) => parseConnectTo(r)!);
  const clock = overrides.clock ?? { now: () => lab.now };
  return {
    resolver: new DohResolver({ endpoints: [lab.dohUrl], http: nodeHttpClient, clock }),
    http: nodeHttpClient,
    clock,
    tier: 'full',
    probe: nodeSiteProbe(rules),
    readCertificate: nodeCertificateReader(rules),
    parseDer,
    acceptUntrusted: true,
    ct: [{ kind: 'certspotter', base: lab.ctBase }],
    rdapBase: lab.rdapBase,
    caStatusUrl: lab.caStatusUrl(),
    ...overrides,
  };
}
