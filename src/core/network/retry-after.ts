// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date. What a service asks is honoured within
// [1 minute, 1 day]: a date in the past waits a minute, an absurd delay a day. A missing or unreadable header
// is the caller's own default (a 429 retries after a minute; an ARI answer is kept for hours).
import { DAY, MINUTE } from '../engine/time';
export const MIN_RETRY_MS = MINUTE;
export const MAX_RETRY_MS = DAY;

export function retryAfterMs(value: string | undefined, now: number, fallbackMs = MIN_RETRY_MS): number {
  let ms = NaN;
  if (value && /^\s*\d+\s*$/.test(value)) ms = Number(value) * 1000;
  else if (value && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - now;
  if (Number.isNaN(ms)) return fallbackMs;
  return Math.min(Math.max(ms, MIN_RETRY_MS), MAX_RETRY_MS);
}
