/** Default disclosure threshold: nothing published is computed from fewer than k units. */
export const DEFAULT_K = 5;
/** The lowest threshold the build accepts. */
export const MIN_K = 3;
