import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "AWS Elastic Load Balancing and ACM". A load balancer's DNS name is
// <name>-<id>.<region>.elb.amazonaws.com (a name only AWS can publish); a Route 53 alias at the apex shows only its
// addresses, which are EC2's and not told apart, so the certificate's issuer says it instead (managedCertificates).
// ACM validates by the CNAME it asked for once (DNS validation) and renews by itself while the certificate is in use
// by an AWS service; it needs neither the address nor the nameservers, and nothing on port 80.
export const awsElb: Provider = {
  id: 'aws-elb',
  names: { en: 'AWS Elastic Load Balancing', ja: 'AWS Elastic Load Balancing' },
  kind: 'host',
  rules: [{ kind: 'cname', pattern: '\\.elb\\.amazonaws\\.com$', weight: 1 }],
  renewal: {
    // https://docs.aws.amazon.com/acm/latest/userguide/setup-caa.html
    caaDomains: ['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com'],
    method: 'dns-01',
    needsAddress: false,
    needsOwnNameservers: false,
    // 198-day certificates since 2026-02-18, renewed 45 days before expiry (AWS's announcement as reported; an older
    // page says 60 days): the later date, so that RENEWAL_OVERDUE never counts a renewal ACM has not yet begun.
    renewsDaysBefore: 45,
  },
  managedCertificates: {
    issuerOrg: '^Amazon$',
    service: { en: 'AWS Certificate Manager (ACM)', ja: 'AWS Certificate Manager (ACM)' },
    source: 'https://docs.aws.amazon.com/acm/latest/userguide/service-options.html',
  },
  fixes: {},
  manualUrl: 'https://docs.aws.amazon.com/acm/latest/userguide/acm-renewal.html',
  sources: [
    'https://docs.aws.amazon.com/acm/latest/userguide/acm-renewal.html',
    'https://docs.aws.amazon.com/acm/latest/userguide/service-options.html',
    'https://docs.aws.amazon.com/acm/latest/userguide/setup-caa.html',
  ],
};
