/** A clock for in-memory runs: real time, shifted forward on demand (SLA and expiry paths without waiting). */
import type { Clock } from '../../core/ports.js';

export class ShiftableClock implements Clock {
  private offsetMs = 0;

  now() { return new Date(Date.now() + this.offsetMs); }

  advance(ms: number) { this.offsetMs += ms; }
}
