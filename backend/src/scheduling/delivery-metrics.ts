import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';

const KEEP = 5000;

export interface DeliveryTiming {
  injectId: string;
  teams: number;
  /** from the due instant to the start of the broadcast (ms; negative = early) */
  emitStartLatenessMs: number;
  /** how long the broadcast took to hand every frame to the network */
  emitDurationMs: number;
  /** how long before the due instant the job arrived */
  leadMs: number;
  /** how long the prepare transaction took (claim and delivery rows), connection wait included */
  prepareMs: number;
  /** how long the reveal transaction took (the step just before the instant), connection and lock waits included */
  revealMs: number;
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

/**
 * The last few thousand scheduled deliveries' timings in this process, for operators and
 * benchmarks, and how long this process's event loop has been held up (every request and every
 * broadcast waits behind the longest stall).
 */
@Injectable()
export class DeliveryMetrics implements OnModuleDestroy {
  private readonly timings: DeliveryTiming[] = [];
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 5 });

  constructor() {
    this.loopDelay.enable();
  }

  onModuleDestroy(): void {
    this.loopDelay.disable();
  }

  record(t: DeliveryTiming): void {
    this.timings.push(t);
    if (this.timings.length > KEEP) this.timings.splice(0, this.timings.length - KEEP);
  }

  summary() {
    const stat = (values: number[]) => {
      const s = [...values].sort((a, b) => a - b);
      return {
        n: s.length,
        p50: percentile(s, 50),
        p95: percentile(s, 95),
        p99: percentile(s, 99),
        max: s[s.length - 1] ?? null,
      };
    };
    return {
      deliveries: this.timings.length,
      emitStartLatenessMs: stat(this.timings.map((t) => t.emitStartLatenessMs)),
      emitDurationMs: stat(this.timings.map((t) => t.emitDurationMs)),
      emitCompleteLatenessMs: stat(this.timings.map((t) => t.emitStartLatenessMs + t.emitDurationMs)),
      leadMs: stat(this.timings.map((t) => t.leadMs)),
      prepareMs: stat(this.timings.map((t) => t.prepareMs)),
      revealMs: stat(this.timings.map((t) => t.revealMs)),
      eventLoopDelayMs: this.loopDelaySummary(),
    };
  }

  /** Event-loop delay since the last reset (sampled every 5 ms, so figures under ~5 ms are noise). */
  private loopDelaySummary() {
    const h = this.loopDelay;
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    return h.count === 0
      ? null
      : { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), p999: ms(h.percentile(99.9)), max: ms(h.max) };
  }

  /** Starts the event-loop delay figures afresh (after a warm-up, say). */
  resetLoopDelay(): void {
    this.loopDelay.reset();
  }
}
