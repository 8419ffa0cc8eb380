/**
 * Run-time lists of the contract's codes (its `enum` schemas, typed in `types.ts`) that the
 * compiler keeps complete: a code the contract adds or drops is a type error here, never a
 * menu entry or label quietly missing.
 */

/**
 * The codes of `C` in the order `codes` names them. `codes` must name every code of `C` and
 * nothing else (a missing key or an unknown one fails to compile); give `C` explicitly:
 * `codeList<CaseState>({ draft: true, submitted: true, … })`.
 */
export function codeList<C extends string>(codes: Record<NoInfer<C>, true>): readonly C[] {
  return Object.keys(codes) as C[];
}

/**
 * `true` when `A` and `B` are the same codes, else the codes only one of them has: so
 * `const same: SameCodes<keyof Bodies, CaseAction> = true` fails to compile on any drift.
 */
export type SameCodes<A extends string, B extends string> = [Exclude<A, B>, Exclude<B, A>] extends [never, never]
  ? true
  : { onlyInFirst: Exclude<A, B>; onlyInSecond: Exclude<B, A> };

/** Some of the codes `C`, checked: `SomeCodes<CaseAction, 'reject' | 'reopen'>` fails to compile on a code `C` lacks. */
export type SomeCodes<C extends string, S extends C> = S;
