// "No English in the Japanese UI": the Latin-script words in a Japanese text that are not proper nouns,
// acronyms or data. Allowed without a list: what is quoted as another product's own label (「Settings」),
// code and commands (`…`), and anything shaped like a name, path, address or flag (it has a dot, slash, colon,
// @ or digit, or starts with --). Everything else must be on the allow-list below or in a provider's name.
import { PROVIDERS } from '../../src/core/providers';

const ACRONYMS_AND_NAMES = [
  // Protocols, record types, standards bodies: written in Latin letters in Japanese technical writing too.
  'DNS',
  'DNSSEC',
  'DoH',
  'DNS-over-HTTPS',
  'SSL',
  'TLS',
  'HTTP',
  'HTTPS',
  'HSTS',
  'URL',
  'URI',
  'API',
  'CDN',
  'IP',
  'IPv',
  'A',
  'AAAA',
  'CNAME',
  'ALIAS',
  'MX',
  'SPF',
  'NS',
  'SOA',
  'PTR',
  'TXT',
  'CAA',
  'DS',
  'EDE',
  'NXDOMAIN',
  'SERVFAIL',
  'CA',
  'CT',
  'RDAP',
  'WHOIS',
  'ACME',
  'ARI',
  'RFC',
  'IANA',
  'ICANN',
  'JPRS',
  'WAF',
  'CLI',
  'JSON',
  'OK',
  'ON',
  'OFF',
  'Web',
  'Basic',
  'www',
  'localhost',
  'ms',
  // Product and service names.
  'Renewal',
  'Radar',
  "Let's",
  'Encrypt',
  'Certificate',
  'Transparency',
  'Cert',
  'Spotter',
  'English',
  'Chrome',
  'Firefox',
  'Google',
  'Public',
  'Quad',
  'Cloudflare',
  'crt',
];

const allowed = new Set<string>([
  ...ACRONYMS_AND_NAMES,
  ...PROVIDERS.flatMap((p) => [p.names.en, p.names.ja]).flatMap((n) => n.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []),
]);

export function latinWords(text: string): string[] {
  const stripped = text
    .replace(/\{[a-z_]+\}/g, ' ')
    .replace(/「[^」]*」/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/(^|\s|[(（、。:：])--?[a-z][\w-]*/g, ' ')
    .replace(/[^\s()（）、。「」]*[./:@0-9][^\s()（）、。「」]*/g, ' ');
  return stripped.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
}

/** Latin-script words that are neither allowed nor data. */
export const untranslatedWords = (text: string): string[] =>
  latinWords(text).filter((w) => !allowed.has(w) && !allowed.has(w.replace(/[-'’]+$/, '')));
