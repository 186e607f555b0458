// Derives each browser's manifest from the top-level manifest.json (the one source of truth).
// Chrome: background.service_worker, no webRequestBlocking (MV3 refuses blocking listeners).
// Firefox: background.scripts (no service workers), webRequestBlocking for getSecurityInfo, gecko settings.
export const GECKO_ID = 'renewal-radar@renewal-radar.org';

export function manifestFor(browser, base, version) {
  const m = structuredClone(base);
  m.version = version;
  if (browser === 'chrome') {
    m.background = { service_worker: base.background.service_worker };
    m.minimum_chrome_version = '121';
  } else {
    m.background = { scripts: [base.background.service_worker] };
    m.permissions = [...base.permissions, 'webRequestBlocking'];
    m.browser_specific_settings = {
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      // data_collection_permissions needs Firefox for Android 142 (addons-linter KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION).
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return m;
}
