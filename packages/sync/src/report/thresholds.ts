/** When a change becomes a risk flag. Named so the report, the README and the tests agree. */

/** A price that moves by more than this fraction of its old value (up or down) is flagged. */
export const PRICE_MOVE_RISK_RATIO = 0.5;

/** A provider that loses more than this fraction of the models it served is flagged. */
export const PROVIDER_LOSS_RISK_RATIO = 0.2;

/** A capability lost at this many providers or more (for one model) is flagged. */
export const CAPABILITY_LOSS_MIN_PROVIDERS = 3;
