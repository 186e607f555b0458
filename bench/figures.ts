// The bench's figures: one measurement's median and range, printed as it runs and written as a row of the README's
// Performance table. bench.ts writes the whole table; `bench/fleet-bench.ts --varied --write` replaces only the
// varied fleet's rows (a run of minutes instead of the whole bench's, browsers included) and says so under the table.

export interface Figure {
  metric: string;
  median: number;
  min: number;
  max: number;
  unit: string;
  goal?: string;
  runs: number;
}

export const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

export function figureOf(metric: string, xs: number[], unit: string, goal?: string): Figure {
  const s = [...xs].sort((a, b) => a - b);
  return { metric, median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], unit, goal, runs: xs.length };
}

export function printFigure(f: Figure) {
  console.log(
    `  ${f.metric.padEnd(58)} ${`${fmt(f.median)} ${f.unit}`.trim()} (${fmt(f.min)}–${fmt(f.max)})${f.goal ? `  goal ${f.goal}` : ''}`,
  );
}

export function tableRow(f: Figure): string {
  return `| ${f.metric.trim()} | ${`${fmt(f.median)} ${f.unit}`.trim()} | ${fmt(f.min)}–${fmt(f.max)} | ${f.runs} | ${f.goal ?? ''} |`;
}

/**
 * The README with the table rows whose figure starts with `prefix` replaced by `figures` (where the first of them
 * was, or at the table's end), and a line under the table saying when and how those rows were measured.
 */
export function replaceRows(readme: string, prefix: string, figures: Figure[], note: string): string {
  const block = readme.match(/<!-- bench:start -->\n([\s\S]*?)\n<!-- bench:end -->/);
  if (!block) throw new Error('README has no bench table');
  const marker = `_Rows "${prefix}…"`;
  let lines = block[1].split('\n').filter((l) => !l.startsWith(marker));
  while (lines.at(-1) === '') lines.pop();
  const ours = (l: string) => l.startsWith(`| ${prefix}`);
  const at = lines.findIndex(ours);
  lines = lines.filter((l) => !ours(l));
  lines.splice(at >= 0 ? at : lines.length, 0, ...figures.map(tableRow));
  lines.push('', `${marker}: ${note}_`);
  return readme.replace(block[0], `<!-- bench:start -->\n${lines.join('\n')}\n<!-- bench:end -->`);
}
