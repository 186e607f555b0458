export const SOURCES: Record<string, { urls: string[]; docs: string }>;
export const NOT_PUBLISHED: Record<string, string>;
export function compact(cidrs: string[], minus?: string[]): { ipv4: string[]; ipv6: string[] };
export function updateRanges(options?: {
  only?: string[];
  out?: string;
  base?: string;
  via?: Record<string, string>;
  date?: Record<string, string>;
}): Promise<{ id: string; ipv4: number; ipv6: number; fetched: string }[]>;
