// One writer for one storage key (the watch list, the settings): a serialised read-modify-write over one in-memory
// copy. Pure (the storage area is injected), so its concurrency is tested with an in-memory fake.
//
// - The stored value is read once; every change after that is a step in one queue, applied to the copy as it is when
//   its turn comes (N concurrent adds → N stored, whoever else writes meanwhile).
// - The copy changes only once the browser confirms the write: a refused write (quota) rejects with WriteFailed and
//   leaves copy and storage as they were, so the caller can say so instead of showing it as done.
// - A value this version cannot read (an unknown or future schema) is kept untouched: the store is read-only, every
//   change rejects with ReadOnly, and the best-effort copy still serves display and export.
// - A change written by another context (storage.onChanged with a value we did not write) is merged into the copy
//   (its own before → after applied to ours), never discarded and never the cause of a lost change of ours.

/** The part of storage.local the store uses (webextension-polyfill's StorageArea fits). */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Why a stored value is kept read-only: the schema found ('none' when it has none). */
export interface ReadOnlyReason {
  schema: string;
}

export interface Codec<T> {
  /** Anything found in storage → a valid value; readOnly when writing it back would lose what this version cannot read. */
  read(raw: unknown): { value: T; readOnly: ReadOnlyReason | null };
  /** The value as stored. */
  write(value: T): unknown;
  /**
   * Another context changed the stored value from `before` to `after`: that change applied to `mine`. `informed`:
   * it wrote over what we last stored, so what it removed it meant to remove; otherwise it wrote blind over changes of
   * ours it never saw, and only what it added or changed is taken (a confirmed add is never lost).
   */
  merge(mine: T, before: T, after: T, informed: boolean): T;
}

export class ReadOnly extends Error {
  constructor(readonly reason: ReadOnlyReason) {
    super(`the stored data has schema ${reason.schema}, which this version does not write`);
  }
}

export class WriteFailed extends Error {
  constructor(readonly error: unknown) {
    super(`the browser refused to store the change: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What a step returns: the new value (undefined = no change, nothing written) and the caller's answer. */
export interface Step<T, R> {
  value?: T;
  result: R;
}

export interface Snapshot<T> {
  value: T;
  readOnly: ReadOnlyReason | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SerialStore<T> {
  private state: Snapshot<T> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Serialisations of our own writes whose storage.onChanged has not arrived yet. */
  private echoes: string[] = [];
  private listeners: ((s: Snapshot<T>) => void)[] = [];

  constructor(
    private readonly area: StorageAreaLike,
    readonly key: string,
    private readonly codec: Codec<T>,
  ) {}

  /** Runs `fn` after every step queued before it; a failing step does not stop the queue. */
  private enqueue<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private async loaded(): Promise<Snapshot<T>> {
    if (!this.state) {
      const raw = (await this.area.get(this.key))[this.key];
      this.state = this.codec.read(raw);
    }
    return this.state;
  }

  private async store(value: T, readOnly: ReadOnlyReason | null) {
    const stored = this.codec.write(value);
    const text = JSON.stringify(stored);
    this.echoes.push(text);
    try {
      await this.area.set({ [this.key]: stored });
    } catch (e) {
      const i = this.echoes.indexOf(text);
      if (i >= 0) this.echoes.splice(i, 1);
      throw new WriteFailed(e);
    }
    this.state = { value, readOnly };
    for (const l of this.listeners) l(this.state);
  }

  /** The value after every change queued so far (a copy: changing it changes nothing). */
  read(): Promise<Snapshot<T>> {
    return this.enqueue(async () => structuredClone(await this.loaded()));
  }

  /** Applies `fn` to the current value in turn and stores its result; rejects with ReadOnly or WriteFailed. */
  update<R>(fn: (current: T) => Step<T, R>): Promise<R> {
    return this.enqueue(async () => {
      const s = await this.loaded();
      if (s.readOnly) throw new ReadOnly(s.readOnly);
      const step = fn(structuredClone(s.value));
      if (step.value !== undefined && !same(this.codec.write(step.value), this.codec.write(s.value)))
        await this.store(step.value, null);
      return step.result;
    });
  }

  /** Called with every storage.onChanged of this key, from any context (our own writes included). */
  changed(change: { oldValue?: unknown; newValue?: unknown }): Promise<void> {
    const text = JSON.stringify(change.newValue);
    const echo = this.echoes.indexOf(text);
    if (echo >= 0) {
      // Our own write: events arrive in write order, so every older echo has passed too.
      this.echoes.splice(0, echo + 1);
      return Promise.resolve();
    }
    return this.enqueue(async () => {
      if (!this.state) return; // not loaded yet: the first read sees the new value
      const after = this.codec.read(change.newValue);
      if (after.readOnly || this.state.readOnly) {
        // Unreadable data arrived (keep it untouched), or readable data replaced the unreadable: take it as it is.
        this.state = after;
        for (const l of this.listeners) l(this.state);
        return;
      }
      const before = this.codec.read(change.oldValue);
      const informed = same(this.codec.write(this.state.value), change.oldValue);
      const merged = this.codec.merge(this.state.value, before.value, after.value, informed);
      if (same(this.codec.write(merged), change.newValue)) {
        this.state = { value: merged, readOnly: null };
        for (const l of this.listeners) l(this.state);
      } else await this.store(merged, null).catch((e) => console.error('renewal-radar: merge', e));
    });
  }

  /** Hears every value the store takes (after a write or a merge). */
  onChange(listener: (s: Snapshot<T>) => void) {
    this.listeners.push(listener);
  }

  /** The loaded value without waiting for the queue (null before the first read). */
  peek(): Snapshot<T> | null {
    return this.state;
  }
}
