/**
 * Times the stages of a run one after another: `lap(stage)` adds the time since the previous
 * lap (or since the timer was made) to `stage`, in seconds rounded to the millisecond.
 */
export interface StageTimer {
  readonly seconds: Record<string, number>;
  lap(stage: string): void;
}

/** A new StageTimer, started now. */
export function stageTimer(): StageTimer {
  const seconds: Record<string, number> = {};
  let mark = performance.now();
  return {
    seconds,
    lap(stage) {
      const now = performance.now();
      seconds[stage] = Math.round((seconds[stage] ?? 0) * 1000 + (now - mark)) / 1000;
      mark = now;
    },
  };
}
