// An in-memory storage.local with the browser's semantics as far as the serialised writer depends on them: get and set
// are asynchronous and take a while (each call waits a few timer turns), values are structured clones (Firefox keeps
// NaN and Infinity), a set that would pass the quota rejects and changes nothing, and every successful set is followed
// — asynchronously, in write order — by storage.onChanged with its oldValue and newValue, heard by every context.
export type Change = { oldValue?: unknown; newValue?: unknown };

export class FakeStorage {
  private data = new Map<string, unknown>();
  private listeners: ((changes: Record<string, Change>) => void)[] = [];
  /** Bytes (of JSON) above which a set is refused, as Chrome's QUOTA_BYTES. */
  quota = Number.POSITIVE_INFINITY;
  sets = 0;

  constructor(private readonly latency = () => Math.floor(Math.random() * 3)) {}

  private async wait() {
    for (let i = this.latency(); i >= 0; i--) await new Promise((r) => setTimeout(r, 0));
  }

  /** A context's view of the area (the worker's, a page's, another worker's): each has its own listeners. */
  area() {
    return {
      get: async (key: string): Promise<Record<string, unknown>> => {
        await this.wait();
        return this.data.has(key) ? { [key]: structuredClone(this.data.get(key)) } : {};
      },
      set: async (items: Record<string, unknown>): Promise<void> => {
        await this.wait();
        const next = new Map(this.data);
        for (const [k, v] of Object.entries(items)) next.set(k, structuredClone(v));
        const size = JSON.stringify(Object.fromEntries(next)).length;
        if (size > this.quota) throw new Error('QUOTA_BYTES quota exceeded');
        const changes: Record<string, Change> = {};
        for (const k of Object.keys(items))
          changes[k] = { oldValue: structuredClone(this.data.get(k)), newValue: structuredClone(next.get(k)) };
        this.data = next;
        this.sets++;
        // Delivered after the write, like the browser's event (never inside the set call).
        setTimeout(() => {
          for (const l of this.listeners) l(structuredClone(changes));
        }, 0);
      },
    };
  }

  onChanged(listener: (changes: Record<string, Change>) => void) {
    this.listeners.push(listener);
  }

  /** What is stored now (a copy). */
  raw(key: string): unknown {
    return structuredClone(this.data.get(key));
  }

  /** Lets every pending timer (latency, change events) run. */
  async settle() {
    for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0));
  }
}
