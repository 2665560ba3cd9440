import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { nextDay, parisDayStart } from '@metropotes/french-time';
import { badInput, requireStaff, type GatewayClient } from '@metropotes/graphql-kit';
import { TERRITORIES } from '@metropotes/territories';
import { EVENT_KINDS, type EventKind } from '../events';
import type { NetworkStatsRepository } from './network-stats.repository';
import { graphql } from '../../generated/gateway';

const NETWORK_STATS_MEMBERS = graphql(`
  query NetworkStatsMembers($ids: [ID!]!, $from: DateTime!, $before: DateTime!) {
    networkMemberFigures(memberIds: $ids, joinedFrom: $from, joinedBefore: $before) {
      memberId
      territoryCode
      inMetropole
      joinedAt
    }
  }
`);

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** The longest period asked at once, in days (both ends included): two years, a leap day included. */
export const MAX_PERIOD_DAYS = 731;
/** "Came within N weeks of signing up": the windows `networkStats` reports. */
export const NEWCOMER_WINDOWS_WEEKS = [4, 12] as const;

/** Where a member lives and when they joined, as members tells it. */
export interface MemberFigure {
  memberId: string;
  territoryCode: string | null;
  inMetropole: boolean | null;
  joinedAt: Date;
}

/** Members' side of the figures, asked through the gateway (events never reads members' tables): one request. */
export interface MemberFigures {
  figures(memberIds: readonly string[], joinedFrom: Date, joinedBefore: Date): Promise<MemberFigure[]>;
}

export function gatewayMemberFigures(gateway: GatewayClient): MemberFigures {
  return {
    async figures(memberIds, joinedFrom, joinedBefore) {
      const data = await gateway.query(NETWORK_STATS_MEMBERS, {
        ids: [...memberIds],
        from: joinedFrom.toISOString(),
        before: joinedBefore.toISOString(),
      });
      return data.networkMemberFigures.map((m) => ({ ...m, joinedAt: new Date(m.joinedAt) }));
    },
  };
}

export type NetworkArea = 'TERRITORY' | 'OUTSIDE_METROPOLE' | 'UNKNOWN';

export interface NetworkStatsModel {
  from: string;
  to: string;
  eventsHeld: number;
  participants: number;
  participations: number;
  returningParticipants: number;
  walkInMembers: number;
  walkInNonMembers: number;
  newMembers: number;
  newcomersCameWithin4Weeks: number;
  newcomersCameWithin12Weeks: number;
  byTerritory: {
    area: NetworkArea;
    territory: { __typename: 'Territory'; code: string } | null;
    participants: number;
    participations: number;
    newMembers: number;
  }[];
  byKind: { kind: EventKind; events: number; participants: number; participations: number }[];
}

/** A territory's code, OUTSIDE_METROPOLE, or UNKNOWN (no commune; a participant members no longer knows). */
const areaOf = (figure: MemberFigure | undefined): string =>
  figure?.territoryCode ?? (figure?.inMetropole === null || figure?.inMetropole === undefined ? 'UNKNOWN' : 'OUTSIDE_METROPOLE');

/** The network's figures for the association and its funders (issue #19): staff only. */
export class NetworkStatsService {
  constructor(
    private readonly repository: NetworkStatsRepository,
    private readonly viewer: Viewer,
    private readonly clock: Clock,
    private readonly members: MemberFigures,
  ) {}

  /** The Paris days [from, to], both included, as the instants [start, end). */
  private period(from: string, to: string): { start: Date; end: Date } {
    const start = parisDayStart(from);
    const end = parisDayStart(nextDay(to));
    if (!start) throw badInput("La date de début n'est pas une date valide.", 'from');
    if (!end) throw badInput("La date de fin n'est pas une date valide.", 'to');
    if (to < from) throw badInput('La date de fin doit suivre la date de début.', 'to');
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
    if (days > MAX_PERIOD_DAYS) throw badInput('La période ne peut pas dépasser deux ans : choisissez des dates plus proches.', 'to');
    return { start, end };
  }

  async networkStats(from: string, to: string): Promise<NetworkStatsModel> {
    requireStaff(this.viewer);
    const { start, end } = this.period(from, to);
    const [marks, held] = await Promise.all([this.repository.participations(start, end), this.repository.eventsHeld(start, end, this.clock.now())]);

    const perMember = new Map<string, number>();
    let walkInMembers = 0;
    const kinds = new Map<EventKind, { participants: number; participations: number }>();
    for (const mark of marks) {
      perMember.set(mark.memberId, (perMember.get(mark.memberId) ?? 0) + mark.participations);
      walkInMembers += mark.walkIns;
      const kind = kinds.get(mark.kind) ?? { participants: 0, participations: 0 };
      kind.participants += 1;
      kind.participations += mark.participations;
      kinds.set(mark.kind, kind);
    }

    // One request to members: the participants' territory, and who joined in the period.
    const figures = await this.members.figures([...perMember.keys()], start, end);
    const figureOf = new Map(figures.map((f) => [f.memberId, f]));
    const newcomers = figures.filter((f) => f.joinedAt >= start && f.joinedAt < end);
    const firsts = new Map(
      (await this.repository.firstParticipations(newcomers.map((n) => n.memberId))).map((r) => [r.memberId, new Date(r.firstAt)]),
    );
    const cameWithin = (weeks: number) =>
      newcomers.filter((n) => {
        const first = firsts.get(n.memberId);
        return first !== undefined && first.getTime() < n.joinedAt.getTime() + weeks * WEEK_MS;
      }).length;

    const areas = new Map<string, { participants: number; participations: number; newMembers: number }>();
    const area = (key: string) => {
      let row = areas.get(key);
      if (!row) areas.set(key, (row = { participants: 0, participations: 0, newMembers: 0 }));
      return row;
    };
    for (const [memberId, participations] of perMember) {
      const row = area(areaOf(figureOf.get(memberId)));
      row.participants += 1;
      row.participations += participations;
    }
    for (const newcomer of newcomers) area(areaOf(newcomer)).newMembers += 1;

    const heldByKind = new Map(held.map((h) => [h.kind, h]));
    const row = (key: string) => areas.get(key) ?? { participants: 0, participations: 0, newMembers: 0 };
    return {
      from,
      to,
      eventsHeld: held.reduce((sum, h) => sum + h.events, 0),
      participants: perMember.size,
      participations: [...perMember.values()].reduce((sum, n) => sum + n, 0),
      returningParticipants: [...perMember.values()].filter((n) => n >= 2).length,
      walkInMembers,
      walkInNonMembers: held.reduce((sum, h) => sum + h.walkInNonMembers, 0),
      newMembers: newcomers.length,
      newcomersCameWithin4Weeks: cameWithin(NEWCOMER_WINDOWS_WEEKS[0]),
      newcomersCameWithin12Weeks: cameWithin(NEWCOMER_WINDOWS_WEEKS[1]),
      byTerritory: [
        ...TERRITORIES.map((t) => ({ area: 'TERRITORY' as const, territory: { __typename: 'Territory' as const, code: t.code }, ...row(t.code) })),
        { area: 'OUTSIDE_METROPOLE' as const, territory: null, ...row('OUTSIDE_METROPOLE') },
        { area: 'UNKNOWN' as const, territory: null, ...row('UNKNOWN') },
      ],
      byKind: EVENT_KINDS.map((kind) => ({
        kind,
        events: heldByKind.get(kind)?.events ?? 0,
        participants: kinds.get(kind)?.participants ?? 0,
        participations: kinds.get(kind)?.participations ?? 0,
      })),
    };
  }
}
