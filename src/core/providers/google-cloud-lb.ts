import type { Provider } from './types';

// Sources: https://cloud.google.com/load-balancing/docs/https (the load balancer adds "Via: 1.1 google" to the
// responses it proxies); https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs
// (Google-managed certificates are provisioned and renewed only while the domain's A/AAAA records point at the
// load balancer's address: status FAILED_NOT_VISIBLE otherwise; CAA must allow pki.goog or letsencrypt.org).
export const googleCloudLb: Provider = {
  id: 'google-cloud-lb',
  names: { en: 'Google Cloud Load Balancing', ja: 'Google Cloud ロードバランサ' },
  kind: 'host',
  rules: [{ kind: 'header', header: 'via', pattern: '(^|,\\s*)1\\.1 google(\\s*,|$)', weight: 0.6 }],
  renewal: {
    caaDomains: ['pki.goog', 'letsencrypt.org'],
    method: 'http-01',
    needsAddress: true,
    needsOwnNameservers: false,
  },
  fixes: {},
  manualUrl: 'https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs',
  sources: [
    'https://cloud.google.com/load-balancing/docs/https',
    'https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs',
  ],
};
