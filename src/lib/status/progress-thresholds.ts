/**
 * The thresholds targets are judged with, as data: the pages and the method page print them
 * from here.
 *
 * Dated targets (a level by a deadline): the progress ratio is the change since the baseline
 * over the change the straight path to the target expects by now. At least `onTrack` is on
 * track, at least `atRisk` at risk, below (or moving away) off track. These are Open SDG's
 * thresholds for its ratio of observed to required growth (0.95 and 0.6).
 *
 * Trend targets ("higher than before", no level): Open SDG's method for indicators without a
 * numeric target. The observed compound annual growth since the baseline is substantial
 * progress from `substantial`, moderate from `moderate`, limited from 0, and deterioration
 * below 0. For a rate (at most 100%) the thresholds shrink as the baseline nears 100%, by Open
 * SDG's limit coefficient 1 − (baseline / 1)^`limitExponent`: a rate of 95% cannot grow 1.5% a
 * year.
 */
export const progressThresholds = {
  onTrack: 0.95,
  atRisk: 0.6,
  substantial: 0.015,
  moderate: 0.005,
  limitExponent: 4.44,
} as const;

/** How many of the latest points a stock's projection fits its straight line to. */
export const PROJECTION_POINTS = 4;
