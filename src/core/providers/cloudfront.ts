import { publishedRanges } from './ranges';
import ranges from './ranges/cloudfront.json';
import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "Amazon CloudFront" (Via … (CloudFront), X-Amz-Cf-Id, *.cloudfront.net);
// addresses: https://ip-ranges.amazonaws.com/ip-ranges.json, service CLOUDFRONT at its edge locations only
// (ranges/cloudfront.json says what is left out and why) — an apex alias or a flattened CNAME has no
// *.cloudfront.net name to see.
export const cloudfront: Provider = {
  id: 'cloudfront',
  names: { en: 'Amazon CloudFront', ja: 'Amazon CloudFront' },
  kind: 'cdn',
  rules: [
    { kind: 'cname', pattern: '\\.cloudfront\\.net$', weight: 1 },
    publishedRanges(ranges.ipv4, ranges.ipv6, ranges.published ?? ranges.fetched),
    { kind: 'header', header: 'x-amz-cf-id', weight: 1 },
    { kind: 'header', header: 'via', pattern: '\\(CloudFront\\)', weight: 0.8 },
  ],
  renewal: { caaDomains: [], method: 'cdn-edge', needsAddress: false, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https.html',
  sources: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https.html',
    'https://ip-ranges.amazonaws.com/ip-ranges.json',
  ],
};
