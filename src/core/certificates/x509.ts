// DER certificate → the fields the checks use. Used where the bundle size allows it (the CLI); the browser gets the
// same fields from the browser itself.
//
// Two readers give the same answer: a small one that walks only the fields we use (RFC 5280 §4.1: issuer,
// validity, subject, and the subjectAltName and certificatePolicies extensions), and @peculiar/asn1-x509 (a
// maintained ASN.1 schema library) for everything the small one does not expect. Parsing the whole certificate with
// the schema library cost about 2 ms of CPU a certificate in a fleet run, an eighth of a check (issue #25); the small
// reader gives up (and the schema library answers) on any string type other than PrintableString, IA5String and
// UTF8String, on a time in another form than YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ, and on any length or tag it does not
// expect. test/unit/x509.test.ts holds the two to the same answers.
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  CertificatePolicies,
  GeneralNames,
  type Name,
  id_ce_certificatePolicies,
  id_ce_subjectAltName,
} from '@peculiar/asn1-x509';
import { dnAttribute, type ParsedCertificate } from './served-certificate';

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

/** The whole certificate through the schema library. */
export function parseDerWithSchema(der: Uint8Array): ParsedCertificate {
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

export function parseDer(der: Uint8Array): ParsedCertificate {
  let fast: ParsedCertificate | null = null;
  try {
    fast = parseDerFields(der);
  } catch {
    fast = null;
  }
  return fast ?? parseDerWithSchema(der);
}

// ---- The small reader ----

/** Thrown where the small reader does not know the answer: the schema library is asked instead. */
class Unexpected extends Error {}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** The DER element at `at` (one-byte tags, definite lengths of at most 4 bytes, inside `limit`). */
function tlv(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Unexpected();
  const tag = der[at];
  if ((tag & 0x1f) === 0x1f) throw new Unexpected();
  let len = der[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new Unexpected();
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
    start += n;
  }
  if (start + len > limit) throw new Unexpected();
  return { tag, start, end: start + len };
}

/** The elements inside a constructed element, in order. */
function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const t = tlv(der, at, parent.end);
    out.push(t);
    at = t.end;
  }
  return out;
}

function expect(t: Tlv | undefined, tag: number): Tlv {
  if (!t || t.tag !== tag) throw new Unexpected();
  return t;
}

/** Dotted form of an OBJECT IDENTIFIER's content (X.690 §8.19). */
function oid(der: Uint8Array, t: Tlv): string {
  if (t.tag !== 0x06 || t.end === t.start) throw new Unexpected();
  const arcs: number[] = [];
  let v = 0;
  for (let i = t.start; i < t.end; i++) {
    if (v === 0 && der[i] === 0x80) throw new Unexpected(); // not minimal
    v = v * 128 + (der[i] & 0x7f);
    if (v > 0xffffffff) throw new Unexpected();
    if (der[i] & 0x80) {
      if (i === t.end - 1) throw new Unexpected();
      continue;
    }
    if (arcs.length === 0) arcs.push(v < 40 ? 0 : v < 80 ? 1 : 2, v < 80 ? v % 40 : v - 80);
    else arcs.push(v);
    v = 0;
  }
  return arcs.join('.');
}

/** Printable ASCII only (what PrintableString and IA5String names hold; anything else goes to the schema library). */
function ascii(der: Uint8Array, t: Tlv): string {
  let s = '';
  for (let i = t.start; i < t.end; i++) {
    const c = der[i];
    if (c < 0x20 || c > 0x7e) throw new Unexpected();
    s += String.fromCharCode(c);
  }
  return s;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** An attribute's value as the schema library prints it: the string, for the three string types we read. */
function attributeValue(der: Uint8Array, t: Tlv): string {
  let s: string;
  if (t.tag === 0x13 || t.tag === 0x16) s = ascii(der, t);
  else if (t.tag === 0x0c) {
    try {
      s = utf8.decode(der.subarray(t.start, t.end));
    } catch {
      throw new Unexpected();
    }
  } else throw new Unexpected();
  // An empty string falls through the library's CHOICE to the next alternative: leave it to the library.
  if (s === '') throw new Unexpected();
  return s;
}

function nameString(der: Uint8Array, name: Tlv): string {
  const parts: string[] = [];
  for (const rdn of children(der, expect(name, 0x30))) {
    for (const atv of children(der, expect(rdn, 0x31))) {
      const [type, value, extra] = children(der, expect(atv, 0x30));
      if (!value || extra) throw new Unexpected();
      const id = oid(der, type);
      parts.push(`${ATTR[id] ?? id}=${attributeValue(der, value)}`);
    }
  }
  return parts.join(', ');
}

/** UTCTime YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1: 50–99 are 19xx) or GeneralizedTime YYYYMMDDHHMMSSZ. */
function time(der: Uint8Array, t: Tlv): Date {
  const s = ascii(der, t);
  const m =
    t.tag === 0x17
      ? s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/)
      : t.tag === 0x18
        ? s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/)
        : null;
  if (!m) throw new Unexpected();
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  const year = t.tag === 0x17 ? (y < 50 ? 2000 + y : 1900 + y) : y;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) throw new Unexpected();
  const date = new Date(Date.UTC(year, mo - 1, d, h, mi, sec));
  if (date.getUTCDate() !== d) throw new Unexpected(); // 31 February
  return date;
}

/** The fields parseDer returns, read directly; throws Unexpected where the schema library should answer. */
export function parseDerFields(der: Uint8Array): ParsedCertificate {
  const cert = expect(tlv(der, 0, der.length), 0x30);
  if (cert.end !== der.length) throw new Unexpected();
  const [tbsTlv, sigAlg, sig, extra] = children(der, cert);
  if (!sigAlg || !sig || extra) throw new Unexpected();
  const fields = children(der, expect(tbsTlv, 0x30));
  let i = 0;
  if (fields[0]?.tag === 0xa0) i++; // [0] version
  expect(fields[i++], 0x02); // serialNumber
  expect(fields[i++], 0x30); // signature
  const issuer = nameString(der, fields[i++]);
  const [notBefore, notAfter, more] = children(der, expect(fields[i++], 0x30));
  if (!notBefore || !notAfter || more) throw new Unexpected();
  const subject = nameString(der, fields[i++]);
  expect(fields[i++], 0x30); // subjectPublicKeyInfo
  const names: string[] = [];
  const policies: string[] = [];
  for (; i < fields.length; i++) {
    const f = fields[i];
    if (f.tag === 0x81 || f.tag === 0x82) continue; // issuerUniqueID, subjectUniqueID
    const [list, after] = children(der, expect(f, 0xa3)); // [3] extensions
    if (after) throw new Unexpected();
    for (const ext of children(der, expect(list, 0x30))) {
      const parts = children(der, expect(ext, 0x30));
      const id = oid(der, parts[0]);
      const value = expect(parts[parts.length - 1], 0x04);
      if (parts.length === 3)
        expect(parts[1], 0x01); // critical
      else if (parts.length !== 2) throw new Unexpected();
      if (id === id_ce_certificatePolicies) {
        // The CA/B Forum's reserved policy OIDs say how the subject was validated (BR §7.1.6.1).
        for (const p of children(der, expect(tlv(der, value.start, value.end), 0x30)))
          policies.push(oid(der, children(der, expect(p, 0x30))[0]));
      } else if (id === id_ce_subjectAltName) {
        const seq = expect(tlv(der, value.start, value.end), 0x30);
        if (seq.end !== value.end) throw new Unexpected();
        // GeneralName dNSName is [2] IA5String; other kinds are skipped, as the schema reader skips them.
        for (const gn of children(der, seq)) if (gn.tag === 0x82) names.push(ascii(der, gn).toLowerCase());
      }
    }
  }
  const cn = dnAttribute(subject, 'CN');
  if (names.length === 0 && cn) names.push(cn.toLowerCase());
  return { subject, issuer, names, notBefore: time(der, notBefore), notAfter: time(der, notAfter), policies };
}
