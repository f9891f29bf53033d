/**
 * The member-database records of one enterprise's union: a systematic sample (see
 * MEMBER_EXTRACT_FRACTION) of its members, following the enterprise's member count, migrant and
 * women composition snapshot by snapshot.
 */
import { FOUNDING_MEMBER_SHARE, MEMBER_EXTRACT_FRACTION, MEMBER_TURNOVER } from './calibration.ts';
import type { EnterpriseSnapshot } from './enterprise-model.ts';
import { MemberPool, type MemberRecord } from './member-pool.ts';
import type { EnterpriseSpec } from './population.ts';
import { Stream, rngFor } from './rng.ts';
import type { UnionForm } from './vocabulary.ts';

/** Appends the sampled member records of an enterprise's history to `out`. */
export function enterpriseMemberRecords(
  spec: EnterpriseSpec,
  snapshots: readonly EnterpriseSnapshot[],
  seed: number,
  out: MemberRecord[],
): void {
  const rng = rngFor(seed, Stream.enterpriseMembers, spec.county.index, spec.ordinal);
  const sampleOffset = rng.next();
  let form: UnionForm = 'none';
  let pool: MemberPool | undefined;
  let previousDay: number | undefined;

  for (const snapshot of snapshots) {
    const unionDay = snapshot.unionFoundedDay;
    const day = snapshot.period.day;
    if (unionDay !== undefined) {
      form = snapshot.unionForm;
      const firstStep = pool === undefined;
      pool ??= new MemberPool(
        {
          regionCode: spec.county.code,
          region: spec.county.region,
          turnover: MEMBER_TURNOVER,
          group: undefined,
          affiliation: () => (form === 'joint' ? 'joint' : 'enterprise'),
        },
        rng,
        out,
      );
      const fromDay = firstStep ? Math.min(previousDay ?? unionDay - 1, unionDay - 1) : (previousDay ?? day - 1);
      if (snapshot.status === 'closed') {
        pool.closeAll(fromDay + 1 + rng.int(0, Math.max(1, day - fromDay)));
      } else {
        const count = Math.floor(snapshot.members * MEMBER_EXTRACT_FRACTION + sampleOffset);
        const share = (part: number): number => (snapshot.members > 0 ? Math.round((count * part) / snapshot.members) : 0);
        pool.step(
          fromDay,
          day,
          { count, migrant: share(snapshot.migrantMembers), female: share(snapshot.womenMembers) },
          firstStep ? unionDay : undefined,
          FOUNDING_MEMBER_SHARE,
        );
      }
    }
    previousDay = day;
  }
  pool?.finish();
}
