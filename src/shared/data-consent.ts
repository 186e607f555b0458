// Firefox's built-in consent for data transmission, as the worker, the popup and the options page ask it. The
// category is the one scripts/manifest.mjs declares (DATA_COLLECTION there); Chrome has no such key and refuses it.
import browser from 'webextension-polyfill';

export const DATA_COLLECTION = 'browsingActivity';
export interface DataPermissions {
  data_collection?: string[];
}
/** What the user is asked to allow: sending site names (browsing activity). */
export const SITE_NAMES: DataPermissions = { data_collection: [DATA_COLLECTION] };

/** browser.permissions with Firefox's data_collection (webextension-polyfill's types predate it). */
export const dataPermissions = browser.permissions as unknown as {
  contains(p: DataPermissions): Promise<boolean>;
  request(p: DataPermissions): Promise<boolean>;
  remove(p: DataPermissions): Promise<boolean>;
  onAdded: { addListener(l: (p: DataPermissions) => void): void };
  onRemoved: { addListener(l: (p: DataPermissions) => void): void };
};
