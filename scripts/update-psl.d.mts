// Types for scripts/update-psl.mjs (plain JavaScript, run by Node without a build).
export function icannRules(dat: string): string[];
export function asciiRule(rule: string): string;
export function compactList(rules: string[]): string;
