// Firefox's built-in consent for data transmission (extensionworkshop.com, "Firefox built-in consent for data
// collection and transmission"). Every check sends the site's name to third parties — browsing activity in
// Mozilla's taxonomy — so the manifest declares it optional (scripts/manifest.mjs) and nothing is checked until
// the user has agreed: no automatic checks, no watch-list checks, and the popup says why and asks.
// Chrome has no such consent: the Chrome Web Store's privacy fields say the same (docs/store/).
import { DATA_COLLECTION, dataPermissions as permissions, SITE_NAMES } from '../shared/data-consent';
import { IS_FIREFOX } from '../shared/platform';

let known: boolean | null = null;

/** Has the user agreed that site names may leave the browser? */
export async function transmissionAllowed(): Promise<boolean> {
  if (!IS_FIREFOX) return true;
  if (known !== null) return known;
  try {
    known = await permissions.contains(SITE_NAMES);
  } catch {
    // A Firefox without built-in consent (before 140) has no way to ask: the install prompt was the consent.
    known = true;
  }
  return known;
}

export function registerConsentListeners(onGranted: () => void) {
  if (!IS_FIREFOX) return;
  permissions.onAdded.addListener((p) => {
    if (p.data_collection?.includes(DATA_COLLECTION)) {
      known = true;
      onGranted();
    }
  });
  permissions.onRemoved.addListener((p) => {
    if (p.data_collection?.includes(DATA_COLLECTION)) known = false;
  });
}
