// DER certificate → the fields the checks use, with @peculiar/asn1-x509 (a maintained ASN.1 schema library).
// Used where the bundle size allows it (the CLI); the browser gets the same fields from the browser itself.
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  CertificatePolicies,
  GeneralNames,
  type Name,
  id_ce_certificatePolicies,
  id_ce_subjectAltName,
} from '@peculiar/asn1-x509';
import { dnAttribute } from './served-certificate';

const ATTR: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.8': 'ST',
  '2.5.4.7': 'L',
};

function nameToString(name: Name): string {
  const parts: string[] = [];
  for (const rdn of name) {
    for (const atv of rdn) {
      const label = ATTR[atv.type] ?? atv.type;
      parts.push(`${label}=${atv.value.toString()}`);
    }
  }
  return parts.join(', ');
}

import type { ParsedCertificate } from './served-certificate';

export function parseDer(der: Uint8Array): ParsedCertificate {
  const cert = AsnConvert.parse(der, Certificate);
  const tbs = cert.tbsCertificate;
  const names: string[] = [];
  const policies: string[] = [];
  for (const ext of tbs.extensions ?? []) {
    if (ext.extnID === id_ce_certificatePolicies) {
      // The CA/B Forum's reserved policy OIDs say how the subject was validated (BR §7.1.6.1).
      for (const p of AsnConvert.parse(ext.extnValue, CertificatePolicies)) policies.push(p.policyIdentifier);
      continue;
    }
    if (ext.extnID !== id_ce_subjectAltName) continue;
    const san = AsnConvert.parse(ext.extnValue, GeneralNames);
    for (const gn of san) if (gn.dNSName) names.push(gn.dNSName.toLowerCase());
  }
  const subject = nameToString(tbs.subject);
  const cn = dnAttribute(subject, 'CN');
  if (names.length === 0 && cn) names.push(cn.toLowerCase());
  return {
    subject,
    issuer: nameToString(tbs.issuer),
    names,
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    policies,
  };
}
