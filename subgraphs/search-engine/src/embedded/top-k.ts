/**
 * Keeps the `size` best (slot, score) pairs seen: a min-heap on score, so a search over
 * many matches sorts only the page it returns, not every match.
 */
export class TopK {
  private readonly slots: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly size: number) {}

  offer(slot: number, score: number): void {
    if (this.size === 0) return;
    if (this.slots.length < this.size) {
      this.slots.push(slot);
      this.scores.push(score);
      this.up(this.slots.length - 1);
    } else if (this.better(score, slot, 0)) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Best first. */
  sorted(): { slot: number; score: number }[] {
    return this.slots
      .map((slot, i) => ({ slot, score: this.scores[i] }))
      .sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  /** True when (score, slot) ranks above the heap entry at `i`: higher score, then lower slot. */
  private better(score: number, slot: number, i: number): boolean {
    return score > this.scores[i] || (score === this.scores[i] && slot < this.slots[i]);
  }
  /** True when entry `i` ranks below entry `j` (the heap keeps the worst at the root). */
  private worse(i: number, j: number): boolean {
    return this.better(this.scores[j], this.slots[j], i);
  }

  private swap(i: number, j: number): void {
    [this.slots[i], this.slots[j]] = [this.slots[j], this.slots[i]];
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
  }
  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }
  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < this.scores.length && this.worse(l, min)) min = l;
      if (r < this.scores.length && this.worse(r, min)) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }
}

/** Set bits of `n`: how many of a query's words a document holds, one bit per word. */
export function popcount(n: number): number {
  let c = 0;
  for (let v = n; v; v &= v - 1) c++;
  return c;
}
