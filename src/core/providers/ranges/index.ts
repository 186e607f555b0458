// The providers' own published address lists, as committed snapshots (<provider>.json, written by
// `npm run update-ranges` — scripts/update-ranges.mjs — with each list's official URL and date). A provider file
// reads its snapshot through publishedRanges(); detect-provider.ts stores every `ip` rule merged and sorted and
// looks addresses up by binary search (src/core/network/ip.ts compileRanges).
import type { RecognitionRule } from '../types';

export interface RangeSnapshot {
  provider: string;
  /** The official list(s) the snapshot was taken from. */
  source: string[];
  docs: string;
  /** When the list was taken (YYYY-MM-DD); `published`: the date the provider put in the list, when it has one. */
  fetched: string;
  published: string | null;
  /** Where a mirrored copy came from, when it was not fetched from the official URL itself. */
  via?: string;
  selection: string;
  /** What the provider lists but we leave out on purpose (origin-facing, cache tiers…), and why. */
  excluded: { what: string; why: string }[];
  listed: number;
  ipv4: string[];
  ipv6: string[];
}

/**
 * An `ip` rule from a snapshot: conclusive (weight 1) — only the provider's own sites are served there. Called with
 * the fields it needs (not the snapshot) so the bundles carry the ranges and the date only: webpack drops the
 * snapshot's unused fields (source, via, excluded…), which stay in the JSON for people and tests.
 */
export function publishedRanges(ipv4: string[], ipv6: string[], date: string, weight = 1): RecognitionRule {
  return { kind: 'ip', cidrs: [...ipv4, ...ipv6], weight, published: date };
}
