/**
 * The explorer's budgets (issue 17), read by scripts/bench-explorer.ts, which measures
 * them, and scripts/bench.ts, which writes them into docs/benchmarks.md.
 */
export const EXPLORER_BUDGET = {
  /** First visit (10 Mbit/s, 40 ms, CPU 4x): a metric change right after load, on screen. */
  firstVisitAnswerMs: 1000,
  /** Bytes over the network before that answer. */
  firstVisitBytes: 500 * 1024,
  /** Total blocking time from that change until the page is quiet. */
  firstVisitBlockingMs: 300,
  /** Warm: intent → first view drawn. */
  warmFirstAnswerMs: 300,
  /** A changed filter → every view redrawn: median and 95th percentile. */
  redrawMedianMs: 30,
  redrawP95Ms: 60,
} as const;
