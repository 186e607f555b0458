// What a check declares beside its function, so that a finding is a change in this folder: its codes, the fix
// causes it uses, and which of its codes carry the identified host's renewal rule (hedged to a warning when the
// host is only likely, docs/design.md "Who is the host"). The run may only return the codes it declares.
import type { CheckContext } from '../engine/evidence';
import type { Finding } from '../engine/types';
import type { FindingCode, FixCause } from './vocabulary';

export interface Check<C extends FindingCode = FindingCode> {
  /** The file's name in src/core/checks/, without `.ts`. */
  readonly id: string;
  readonly codes: readonly C[];
  /** Every cause the check passes to fixSteps (a unit test reads the file to compare). */
  readonly fixCauses: readonly FixCause[];
  /**
   * The codes whose `fail` is the identified host's documented renewal rule (its nameservers, its address, its
   * CA), not something seen failing on the site itself: with a host that is only likely they become warnings.
   */
  readonly likelyHostRule: readonly C[];
  readonly run: (ctx: CheckContext) => Finding<C>[];
}

/** Declares a check; the codes are inferred from `codes` alone, so `run` returning another code is a type error. */
export function defineCheck<const C extends FindingCode>(check: {
  id: string;
  codes: readonly C[];
  fixCauses: readonly FixCause[];
  likelyHostRule: readonly NoInfer<C>[];
  run: (ctx: CheckContext) => Finding<NoInfer<C>>[];
}): Check<C> {
  return check;
}
