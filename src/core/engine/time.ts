// The one home of time units, in milliseconds (Date.now()'s unit). Everything that counts minutes, hours or days
// (certificate lifetimes, caches, retries, the watch list's schedule) uses these.
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
