// Browser-side budgets (badge latency, cache revisits, tabs, popup render, Firefox listener): filled in with
// the background worker's e2e work. Until then this reports nothing rather than invent numbers.
export async function browserBench(_: { quick: boolean; record: (metric: string, xs: number[], unit: string, goal?: string) => void }) {
  return [] as never[];
}
