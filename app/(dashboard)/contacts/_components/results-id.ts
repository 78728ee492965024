/** The id of the region the contacts page renders its results in (the target of "Skip to results"). */
export const RESULTS_ID = "contact-results";
