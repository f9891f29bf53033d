/**
 * The build repairs intervals (interval-repair.ts) in every block of up to this many variables
 * (measures × inner cells) unless told otherwise (`npm run data -- --interval-repair-up-to N`).
 * It takes in every group and member block at any scale (their inner cells are counties ×
 * groups: 2,672 variables or fewer in the demo) and the enterprise blocks of small
 * submissions, where the repair costs about a second a block on one core (the 0.02 demo: 71 of
 * its 72 enterprise blocks, 29 s of protection instead of 6 s). Larger enterprise blocks take
 * seconds to minutes each (the 1x demo's smallest, 7,000 variables, 9 s; one of 9,350, 62 s),
 * and above that the repair does not finish (docs/disclosure.md).
 */
export const DEFAULT_REPAIR_UP_TO = 6000;
