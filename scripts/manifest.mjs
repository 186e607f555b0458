// Derives each browser's manifest from the top-level manifest.json (the one source of truth).
// Chrome: background.service_worker, no webRequestBlocking (MV3 refuses blocking listeners).
// Firefox: background.scripts (no service workers), webRequestBlocking for getSecurityInfo, gecko settings.
export const GECKO_ID = 'renewal-radar@renewal-radar.org';
/** The one kind of data the extension transmits, in Mozilla's categories (src/shared/data-consent.ts asks for it). */
export const DATA_COLLECTION = 'browsingActivity';

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
      // Mozilla's taxonomy (extensionworkshop.com, "Firefox built-in consent for data collection and
      // transmission"): every check sends the site's name to third parties (the DoH resolver; CT, RDAP and the
      // CA's status page for the full check) — browsing activity. Optional, so the user can decline: without it
      // the extension sends nothing and the popup says why and asks (src/background/consent.ts).
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'], optional: [DATA_COLLECTION] },
      },
      // data_collection_permissions needs Firefox for Android 142 (addons-linter KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION).
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return m;
}
