import type { Provider } from './types';

// Sources: docs/sources/hosting-providers.md "Amazon CloudFront" (Via … (CloudFront), X-Amz-Cf-Id, *.cloudfront.net).
export const cloudfront: Provider = {
  id: 'cloudfront',
  names: { en: 'Amazon CloudFront', ja: 'Amazon CloudFront' },
  kind: 'cdn',
  rules: [
    { kind: 'cname', pattern: '\\.cloudfront\\.net$', weight: 1 },
    { kind: 'header', header: 'x-amz-cf-id', weight: 1 },
    { kind: 'header', header: 'via', pattern: '\\(CloudFront\\)', weight: 0.8 },
  ],
  renewal: { caaDomains: [], method: 'cdn-edge', needsAddress: false, needsOwnNameservers: false },
  fixes: {},
  manualUrl: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https.html',
  sources: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https.html'],
};
