/**
 * The sampled member records of one union (or one pool of flexible members): follows a target
 * count and composition snapshot by snapshot, with yearly turnover, and emits each record once
 * its membership ends (or at the end, still active). Records that ended before the member
 * database started are dropped, as they would never have been entered.
 */
import { MEMBER_DB_START_ISO, ONLINE_SHARE } from './calibration.ts';
import { DAYS_PER_YEAR, dayFromIso, decimalYear, yearOfDay } from './dates.ts';
import type { Rng } from './rng.ts';
import type { Affiliation, Channel, Group, RegionKey } from './vocabulary.ts';

/** One row of members.csv before its pseudonymous id is assigned. */
export interface MemberRecord {
  readonly regionCode: string;
  readonly joinedDay: number;
  /** Day the membership ended; undefined while still a member. */
  readonly leftDay: number | undefined;
  readonly channel: Channel;
  readonly affiliation: Affiliation;
  readonly migrant: boolean;
  readonly female: boolean;
  /** One of the eight groups, or undefined. */
  readonly group: Group | undefined;
}

/** Target size and composition of a pool at a snapshot. */
export interface PoolTarget {
  readonly count: number;
  readonly migrant: number;
  readonly female: number;
}

/** Fixed properties of a pool. */
export interface PoolOptions {
  readonly regionCode: string;
  readonly region: RegionKey;
  /** Yearly departure rates. */
  readonly turnover: { readonly resident: number; readonly migrant: number };
  readonly group: Group | undefined;
  /** Affiliation of a member joining on `day`. */
  readonly affiliation: (day: number, rng: Rng) => Affiliation;
}

interface ActiveMember {
  readonly joinedDay: number;
  readonly migrant: boolean;
  readonly female: boolean;
  readonly channel: Channel;
  readonly affiliation: Affiliation;
}

/** First day of the real-name member database. */
export const MEMBER_DB_START_DAY = dayFromIso(MEMBER_DB_START_ISO) ?? 0;

/** Channel of a member joining on `day` in `region`. */
function channelFor(region: RegionKey, day: number, rng: Rng): Channel {
  const online = region === 'shanghai' ? ONLINE_SHARE.shanghai : ONLINE_SHARE.other;
  const year = yearOfDay(day);
  if (day < MEMBER_DB_START_DAY || year < online.fromYear) return 'onsite';
  return rng.chance(online.share(decimalYear(day))) ? 'online' : 'onsite';
}

/** A pool of active sampled members. */
export class MemberPool {
  readonly #options: PoolOptions;
  readonly #rng: Rng;
  readonly #out: MemberRecord[];
  #active: ActiveMember[] = [];
  #migrants = 0;
  #women = 0;

  /** Emitted records are appended to `out`; the caller drains it. */
  constructor(options: PoolOptions, rng: Rng, out: MemberRecord[]) {
    this.#options = options;
    this.#rng = rng;
    this.#out = out;
  }

  /** Number of active members. */
  get size(): number {
    return this.#active.length;
  }

  #emit(member: ActiveMember, leftDay: number | undefined): void {
    if (leftDay !== undefined && leftDay < MEMBER_DB_START_DAY) return;
    this.#out.push({
      regionCode: this.#options.regionCode,
      joinedDay: member.joinedDay,
      leftDay,
      channel: member.channel,
      affiliation: member.affiliation,
      migrant: member.migrant,
      female: member.female,
      group: this.#options.group,
    });
  }

  #removeAt(i: number, leftDay: number): void {
    const member = this.#active[i];
    if (member === undefined) return;
    const last = this.#active.pop();
    if (last !== undefined && i < this.#active.length) this.#active[i] = last;
    if (member.migrant) this.#migrants--;
    if (member.female) this.#women--;
    this.#emit(member, leftDay);
  }

  /**
   * Advances from snapshot `fromDay` to `toDay`: turnover, then trims or joins to reach `target`.
   * New members join after `fromDay` (or on `foundingDay` for a share `foundingShare` of them
   * when the union was founded inside this interval).
   */
  step(fromDay: number, toDay: number, target: PoolTarget, foundingDay?: number, foundingShare = 0): void {
    const rng = this.#rng;
    const span = toDay - fromDay;
    if (span > 0 && this.#active.length > 0) {
      const years = span / DAYS_PER_YEAR;
      const pResident = 1 - Math.exp(-this.#options.turnover.resident * years);
      const pMigrant = 1 - Math.exp(-this.#options.turnover.migrant * years);
      for (let i = this.#active.length - 1; i >= 0; i--) {
        const member = this.#active[i];
        if (member === undefined) continue;
        if (rng.chance(member.migrant ? pMigrant : pResident)) this.#removeAt(i, fromDay + 1 + rng.int(0, span));
      }
    }
    // Trim, preferring members whose group (migrant / resident) is over its target.
    while (this.#active.length > target.count) {
      const wantMigrant = this.#migrants > target.migrant;
      let pick = rng.int(0, this.#active.length);
      for (let tries = 0; tries < 8 && this.#active[pick]?.migrant !== wantMigrant; tries++) {
        pick = rng.int(0, this.#active.length);
      }
      this.#removeAt(pick, span > 0 ? fromDay + 1 + rng.int(0, span) : toDay);
    }
    // Join, steering the composition towards the target.
    const joins = target.count - this.#active.length;
    const earliest = foundingDay !== undefined && foundingDay > fromDay ? foundingDay : fromDay + 1;
    for (let j = 0; j < joins; j++) {
      const left = joins - j;
      const migrant = rng.chance((target.migrant - this.#migrants) / left);
      const female = rng.chance((target.female - this.#women) / left);
      const joinedDay =
        foundingDay !== undefined && foundingDay > fromDay && rng.chance(foundingShare)
          ? foundingDay
          : earliest + rng.int(0, Math.max(1, toDay - earliest + 1));
      const member: ActiveMember = {
        joinedDay,
        migrant,
        female,
        channel: channelFor(this.#options.region, joinedDay, rng),
        affiliation: this.#options.affiliation(joinedDay, rng),
      };
      this.#active.push(member);
      if (migrant) this.#migrants++;
      if (female) this.#women++;
    }
  }

  /** Ends every membership on `day` (the enterprise closed). */
  closeAll(day: number): void {
    while (this.#active.length > 0) this.#removeAt(this.#active.length - 1, day);
  }

  /** Emits the members still active at the end of the data, with an empty `left_on`. */
  finish(): void {
    for (const member of this.#active) this.#emit(member, undefined);
    this.#active = [];
    this.#migrants = 0;
    this.#women = 0;
  }
}
