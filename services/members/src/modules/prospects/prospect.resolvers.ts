import type { MembersContext } from '../../context';
import type { ProspectModel, ProspectNoteModel } from './prospect.mapper';
import type { CreateProspectInput, ProspectFilter, UpdateProspectInput } from './prospect.service';

type Ctx = MembersContext;

export const prospectResolvers = {
  Query: {
    prospects: (_: unknown, args: { filter?: ProspectFilter; first?: number; after?: string }, ctx: Ctx) => ctx.prospects.list(args),
    prospect: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.prospects.prospect(args.id),
    prospectForMail: (_: unknown, args: { id: string; invitationId?: string | null }, ctx: Ctx) => ctx.prospects.forMail(args.id, args.invitationId),
    outreachStats: (_: unknown, args: { from: Date; to: Date; territoryCode?: string | null }, ctx: Ctx) =>
      ctx.prospects.stats(args.from, args.to, args.territoryCode),
  },
  Mutation: {
    createProspect: (_: unknown, args: { input: CreateProspectInput }, ctx: Ctx) => ctx.prospects.create(args.input),
    createProspectFromWatchItem: (_: unknown, args: { watchItemId: string; input: CreateProspectInput }, ctx: Ctx) =>
      ctx.prospects.createFromWatchItem(args.watchItemId, args.input),
    updateProspect: (_: unknown, args: { id: string; input: UpdateProspectInput }, ctx: Ctx) => ctx.prospects.update(args.id, args.input),
    addProspectNote: (_: unknown, args: { id: string; text: string }, ctx: Ctx) => ctx.prospects.addNote(args.id, args.text),
    inviteProspect: (_: unknown, args: { id: string; message?: string | null }, ctx: Ctx) => ctx.prospects.invite(args.id, args.message),
    declineProspectContact: (_: unknown, args: { token: string }, ctx: Ctx) => ctx.prospects.declineContact(args.token),
    createGroupFromProspect: (_: unknown, args: { prospectId: string }, ctx: Ctx) => ctx.prospects.createGroup(args.prospectId),
    minimiseInactiveProspects: (_: unknown, args: { now?: Date | null }, ctx: Ctx) => ctx.prospects.minimise(args.now),
  },
  Prospect: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.prospects.visible(ref.id),
    commune: (p: ProspectModel, _: unknown, ctx: Ctx) => ctx.territories.commune(p.communeCode),
    source: (p: ProspectModel) => ({
      kind: p.source.kind,
      watchItem: p.source.watchItemId ? { __typename: 'WatchItem', id: p.source.watchItemId } : null,
      event: p.source.eventId ? { __typename: 'Event', id: p.source.eventId } : null,
      note: p.source.note,
    }),
    owner: (p: ProspectModel, _: unknown, ctx: Ctx) => (p.ownerId ? ctx.members.visible(p.ownerId) : null),
    joinedMember: (p: ProspectModel, _: unknown, ctx: Ctx) => (p.joinedMemberId ? ctx.members.visible(p.joinedMemberId) : null),
    group: (p: ProspectModel, _: unknown, ctx: Ctx) => (p.groupId ? ctx.groups.group(p.groupId) : null),
    notes: (p: ProspectModel, _: unknown, ctx: Ctx) => ctx.prospects.notes(p.id),
  },
  ProspectNote: {
    author: (n: ProspectNoteModel, _: unknown, ctx: Ctx) => (n.authorId ? ctx.members.visible(n.authorId) : null),
  },
  OutreachTerritoryStats: {
    territory: (s: { territoryCode: string }, _: unknown, ctx: Ctx) => ctx.territories.territory(s.territoryCode),
  },
  WatchItem: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    prospects: (item: { id: string }, _: unknown, ctx: Ctx) => ctx.prospects.prospectsOfWatchItem(item.id),
  },
};
