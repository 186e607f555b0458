export const GECKO_ID: string;
export function manifestFor(
  browser: 'chrome' | 'firefox',
  base: Record<string, unknown>,
  version: string,
): Record<string, unknown>;
