// The navigation check's timeline for the bench (issue #25): a performance mark at each step of a new host's
// check — the main-frame request's event, the DNS work starting, each DoH request leaving and answered, the commit,
// the report, the badge — kept for the last few hundred steps and read through getStats
// (`tsx bench/browser-bench.ts --navigation --timeline=<n>`). Times are epoch milliseconds, as in the lab's log.
export interface Mark {
  what: string;
  host: string;
  at: number;
}

const KEEP = 400;
const marks: Mark[] = [];

// Date.now(), not performance.timeOrigin + performance.now(): the lab's log and the tab's figures use the wall clock,
// and a long-lived Firefox event page's performance clock was seen 8 ms away from it.
export function mark(what: string, host: string, at = Date.now()) {
  marks.push({ what, host, at });
  try {
    performance.mark(`rr ${what} ${host}`);
    // The User Timing buffer is not bounded: what leaves the array leaves it too.
    for (const old of marks.splice(0, Math.max(0, marks.length - KEEP)))
      performance.clearMarks(`rr ${old.what} ${old.host}`);
  } catch {
    /* a worker without the User Timing API: the array is enough */
    marks.splice(0, Math.max(0, marks.length - KEEP));
  }
}

export const timelineStats = () => ({ marks: [...marks] });
