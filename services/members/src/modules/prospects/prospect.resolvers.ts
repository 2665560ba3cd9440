import type { Resolvers } from '../../generated/resolvers-types';

export const prospectResolvers: Resolvers = {
  Query: {
    prospects: (_, args, ctx) => ctx.prospects.list(args),
    prospect: (_, args, ctx) => ctx.prospects.prospect(args.id),
    prospectForMail: (_, args, ctx) => ctx.prospects.forMail(args.id, args.invitationId),
    outreachStats: (_, args, ctx) => ctx.prospects.stats(args.from, args.to, args.territoryCode),
  },
  Mutation: {
    createProspect: (_, args, ctx) => ctx.prospects.create(args.input),
    createProspectFromWatchItem: (_, args, ctx) => ctx.prospects.createFromWatchItem(args.watchItemId, args.input),
    updateProspect: (_, args, ctx) => ctx.prospects.update(args.id, args.input),
    addProspectNote: (_, args, ctx) => ctx.prospects.addNote(args.id, args.text),
    inviteProspect: (_, args, ctx) => ctx.prospects.invite(args.id, args.message),
    declineProspectContact: (_, args, ctx) => ctx.prospects.declineContact(args.token),
    createGroupFromProspect: (_, args, ctx) => ctx.prospects.createGroup(args.prospectId),
    minimiseInactiveProspects: (_, args, ctx) => ctx.prospects.minimise(args.now),
  },
  Prospect: {
    __resolveReference: (ref, ctx) => ctx.prospects.visible(ref.id),
    commune: (p, _, ctx) => ctx.territories.commune(p.communeCode),
    source: (p) => ({
      kind: p.source.kind,
      watchItem: p.source.watchItemId ? { __typename: 'WatchItem' as const, id: p.source.watchItemId } : null,
      event: p.source.eventId ? { __typename: 'Event' as const, id: p.source.eventId } : null,
      note: p.source.note,
    }),
    owner: (p, _, ctx) => (p.ownerId ? ctx.members.visible(p.ownerId) : null),
    joinedMember: (p, _, ctx) => (p.joinedMemberId ? ctx.members.visible(p.joinedMemberId) : null),
    group: (p, _, ctx) => (p.groupId ? ctx.groups.group(p.groupId) : null),
    notes: (p, _, ctx) => ctx.prospects.notes(p.id),
  },
  ProspectNote: {
    author: (n, _, ctx) => (n.authorId ? ctx.members.visible(n.authorId) : null),
  },
  OutreachTerritoryStats: {
    territory: (s, _, ctx) => ctx.territories.knownTerritory(s.territoryCode),
  },
  WatchItem: {
    __resolveReference: (ref) => ({ id: ref.id }),
    prospects: (item, _, ctx) => ctx.prospects.prospectsOfWatchItem(item.id),
  },
};
