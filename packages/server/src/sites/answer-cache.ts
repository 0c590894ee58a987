/**
 * Answers kept per minute of one catalogue: a search's answer depends on the catalogue, its
 * parameters and the minute of its instant only (open_now and the stops' next sessions change
 * at whole minutes), so the same search within the same minute is answered from here.
 *
 * An answer is kept the second time its search is made in the minute: most searches (a
 * visitor's own position) are made once, and keeping every answer would cost more in memory
 * and garbage collection than it saves. Answers of another catalogue are dropped at once; at
 * most `maxBytes` bytes of answers are kept, the least recently used dropped first (those
 * of past minutes go that way).
 */
export class MinuteAnswers {
  #scope: object | null = null;
  readonly #answers = new Map<string, Buffer>();
  #bytes = 0;
  /** The searches made once (their keys only), the oldest forgotten first. */
  readonly #seenOnce = new Set<string>();

  constructor(
    readonly maxBytes = 8_000_000,
    readonly maxSeen = 20_000,
  ) {}

  get size(): number {
    return this.#answers.size;
  }

  /** The answer kept for this key, in this scope (a catalogue), at this instant's minute. */
  get(scope: object, instant: Date, key: string): Buffer | undefined {
    if (scope !== this.#scope) return undefined;
    const minuteKey = `${Math.floor(instant.getTime() / 60_000)}|${key}`;
    const answer = this.#answers.get(minuteKey);
    if (answer !== undefined) {
      // Most recently used last.
      this.#answers.delete(minuteKey);
      this.#answers.set(minuteKey, answer);
    }
    return answer;
  }

  set(scope: object, instant: Date, key: string, answer: Buffer): void {
    if (answer.length > this.maxBytes / 4) return;
    if (scope !== this.#scope) {
      this.#answers.clear();
      this.#seenOnce.clear();
      this.#bytes = 0;
      this.#scope = scope;
    }
    const minuteKey = `${Math.floor(instant.getTime() / 60_000)}|${key}`;
    if (!this.#seenOnce.delete(minuteKey)) {
      this.#seenOnce.add(minuteKey);
      if (this.#seenOnce.size > this.maxSeen) this.#seenOnce.delete(this.#seenOnce.values().next().value!);
      return;
    }
    const former = this.#answers.get(minuteKey);
    if (former !== undefined) {
      this.#answers.delete(minuteKey);
      this.#bytes -= former.length;
    }
    this.#answers.set(minuteKey, answer);
    this.#bytes += answer.length;
    for (const [oldest, kept] of this.#answers) {
      if (this.#bytes <= this.maxBytes) break;
      this.#answers.delete(oldest);
      this.#bytes -= kept.length;
    }
  }
}
