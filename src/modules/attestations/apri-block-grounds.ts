/**
 * The only reasons an agent may give to withhold an APRI. R.431-15-1 says the prefect "est
 * tenu" (is bound) to make the APRI available for a complete renewal filed on time, and names
 * no exception: every ground below is therefore an interpretation that **must be confirmed by a
 * legal expert** before a deployment lets agents use it. The article each one leans on:
 *
 * - `public_order_threat`: CESEDA L.432-1 lets the prefect refuse a title, by a reasoned
 *   decision, to a person whose presence is a threat to public order; withholding the APRI
 *   while that decision is prepared is the reading to confirm.
 * - `fraud_suspected`: Code des relations entre le public et l'administration L.241-2 — an act
 *   obtained by fraud may be withdrawn at any time; the same reading for the APRI of a file
 *   whose documents appear forged.
 * - `identity_unverified`: the APRI is owed to a *complete* file; a file whose civil-status and
 *   nationality documents (CESEDA R.431-10) cannot be verified is arguably not complete.
 *
 * A block is shown to the person with the agent's explanation, audited, and can be lifted;
 * APRIs already issued stay valid (a block is not a withdrawal).
 */
export const apriBlockGrounds = ['public_order_threat', 'fraud_suspected', 'identity_unverified'] as const;
export type ApriBlockGround = (typeof apriBlockGrounds)[number];

export const isApriBlockGround = (v: unknown): v is ApriBlockGround => typeof v === 'string' && (apriBlockGrounds as readonly string[]).includes(v);

/** Bounds of the explanation an agent writes (it is shown to the person). */
export const BLOCK_EXPLANATION_MIN = 20;
export const BLOCK_EXPLANATION_MAX = 2000;
