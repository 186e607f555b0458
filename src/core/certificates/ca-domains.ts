// Issuer organisation → the CAA `issue` domain the CA checks (each CA's CPS; CCADB "CAA identifiers").
const BY_ORG: [RegExp, string[]][] = [
  [/let'?s encrypt|internet security research group/i, ['letsencrypt.org']],
  [/google trust services/i, ['pki.goog']],
  [/sectigo|comodo|zerossl/i, ['sectigo.com', 'comodoca.com']],
  [/digicert|geotrust|rapidssl|thawte/i, ['digicert.com']],
  [/globalsign/i, ['globalsign.com']],
  [/ssl\.com/i, ['ssl.com']],
  [/amazon/i, ['amazon.com', 'amazontrust.com']],
  [/cybertrust japan/i, ['cybertrust.ne.jp']],
  [/secom/i, ['secomtrust.net']],
  [/microsoft/i, ['microsoft.com']],
];

export function caaDomainsForIssuer(issuerOrg: string | undefined, issuer: string): string[] {
  const text = `${issuerOrg ?? ''} ${issuer}`;
  return BY_ORG.find(([re]) => re.test(text))?.[1] ?? [];
}
