/**
 * The build repairs intervals (interval-repair.ts) in every block of up to this many variables
 * (measures × inner cells) unless told otherwise (`npm run data -- --interval-repair-up-to N`):
 * where a block's repair takes up to about ten seconds on one core of the benchmark machine. It
 * takes in every group and member block at any scale (their inner cells are counties × groups:
 * 2,672 variables or fewer in the demo), every block of the 0.02 demo, and the six smallest
 * enterprise blocks of the 1x demo (7,000 to 7,900 variables, 3 to 10 s each). Larger enterprise
 * blocks take 13 s at 7,950 variables and up to 80 s at 10,100, and above that the repair does
 * not finish (docs/disclosure.md).
 */
export const DEFAULT_REPAIR_UP_TO = 7900;

/** Whether a block of `variables` (measures × inner cells) has its intervals repaired under the limit `upTo` (inclusive). */
export const repairsBlock = (variables: number, upTo: number): boolean => variables <= upTo;
