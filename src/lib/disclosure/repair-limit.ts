/**
 * The build repairs intervals (interval-repair.ts) in every block of up to this many variables
 * (measures × inner cells) unless told otherwise (`npm run data -- --interval-repair-up-to N`).
 * It takes in every group and member block at any scale (their inner cells are counties ×
 * groups: 2,672 variables or fewer in the demo), every block of the 0.02 demo, and every
 * enterprise block of Ningxia and Zhejiang in the 1x demo (7,000 to 10,100 variables, 3 to 64 s
 * each on one core of the benchmark machine), where the audit found values narrowed below their
 * level in blocks above the former limit of 7,900. Larger blocks (Shanghai, Guangxi and Hebei:
 * 28,250 to 123,050 variables at 1x) take 81 s (Shanghai 2012) to over 8 minutes (Hebei 2012)
 * each (docs/disclosure.md).
 */
export const DEFAULT_REPAIR_UP_TO = 10100;

/** Whether a block of `variables` (measures × inner cells) has its intervals repaired under the limit `upTo` (inclusive). */
export const repairsBlock = (variables: number, upTo: number): boolean => variables <= upTo;
