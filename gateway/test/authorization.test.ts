/**
 * The authorisation matrix: every query and mutation of the supergraph, called by an anonymous visitor,
 * a member, a staff member and an admin, must refuse those it is not for with the right code
 * (UNAUTHENTICATED for anonymous, FORBIDDEN for a signed-in person without the role), before looking at
 * its arguments. Every root field must be classified here: a new operation fails this test until it is.
 */
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isObjectType,
  isAbstractType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { composeServices } from '@apollo/composition';
import { SUBGRAPH_SDL } from '../../scripts/supergraph';
import { contractSchema, taggedFields } from '../../scripts/contract';
import { readSupergraph } from '../src/supergraph';

type Access = 'public' | 'member' | 'staff' | 'admin' | 'system';

/** Who may call each root field. 'public' fields answer everyone (visibility rules then apply to what they return). */
const ACCESS: Record<string, Access> = {
  // --- queries ---
  'Query.event': 'public',
  'Query.agenda': 'public',
  'Query.eventsToReview': 'staff',
  'Query.reminderOffsetChoices': 'public',
  'Query.eventRevisionsToReview': 'staff',
  'Query.eventSeries': 'public',
  'Query.skills': 'public',
  'Query.skill': 'public',
  'Query.participationCertificate': 'staff',
  'Query.guideArticle': 'public',
  'Query.guideArticles': 'public',
  'Query.searchGuide': 'public',
  'Query.guideRevisionsToReview': 'staff',
  'Query.actors': 'public',
  'Query.actor': 'public',
  'Query.watchSources': 'staff',
  'Query.watchItems': 'public',
  'Query.watchItem': 'public',
  'Query.me': 'public',
  'Query.member': 'public',
  'Query.members': 'public',
  'Query.newcomers': 'staff',
  'Query.myDataExport': 'member',
  'Query.myData': 'member',
  'Query.communes': 'public',
  'Query.commune': 'public',
  'Query.territories': 'public',
  'Query.territory': 'public',
  'Query.groups': 'public',
  'Query.group': 'public',
  'Query.prospects': 'staff',
  'Query.prospect': 'staff',
  'Query.prospectForMail': 'system',
  'Query.systemConfirmedRegistrations': 'system',
  'Query.systemReviewedEvent': 'system',
  'Query.systemReviewedGuideArticle': 'system',
  'Query.systemGuideWaiting': 'system',
  'Query.systemStaffDigestRecipients': 'system',
  'Query.decisionNotice': 'system',
  'Query.systemEventChangeNotice': 'system',
  'Query.systemDueEventChangeNotices': 'system',
  'Query.systemDigestMembers': 'system',
  'Query.systemDigestMember': 'system',
  'Query.systemMembersForMail': 'system',
  'Query.systemMailSecret': 'system',
  'Query.groupMessage': 'public',
  'Query.systemGroupMessage': 'system',
  'Query.systemGroupMessageRecipients': 'system',
  'Query.eventMessage': 'public',
  'Query.systemEventMessage': 'system',
  'Query.systemEventMessageRecipients': 'system',
  'Query.systemNewcomers': 'system',
  'Query.systemNewcomersToNudge': 'system',
  'Query.systemFirstParticipations': 'system',
  'Query.outreachStats': 'staff',
  'Query.networkStats': 'staff',
  // Staff and the system: events asks it for networkStats with the staff member's token.
  'Query.networkMemberFigures': 'staff',
  'Query.previewDigest': 'staff',
  'Query.deadJobs': 'staff',
  'Query.myReports': 'member',
  'Query.moderationQueue': 'staff',
  'Query.moderationCase': 'staff',
  'Query.decisionToApply': 'system',
  'Query.moderationLog': 'staff',
  // --- mutations ---
  'Mutation.createEvent': 'member',
  'Mutation.updateEvent': 'member',
  'Mutation.publishEvent': 'staff',
  'Mutation.rejectEvent': 'staff',
  'Mutation.approveEventRevision': 'staff',
  'Mutation.rejectEventRevision': 'staff',
  'Mutation.cancelEvent': 'member',
  'Mutation.registerForEvent': 'member',
  'Mutation.cancelRegistration': 'member',
  'Mutation.setRegistrationReminders': 'member',
  'Mutation.markAttendance': 'member',
  'Mutation.checkIn': 'member',
  'Mutation.eraseMemberFromEvents': 'system',
  'Mutation.closeEventChangeNotice': 'system',
  'Mutation.createEventSeries': 'staff',
  'Mutation.createSkill': 'staff',
  'Mutation.issueParticipationCertificate': 'member',
  'Mutation.updateSkill': 'staff',
  'Mutation.archiveSkill': 'staff',
  'Mutation.updateEventSeries': 'staff',
  'Mutation.extendEventSeries': 'staff',
  'Mutation.resetMyCalendarFeed': 'member',
  'Mutation.createGuideArticle': 'member',
  'Mutation.updateGuideArticle': 'member',
  'Mutation.submitGuideArticle': 'member',
  'Mutation.publishGuideArticle': 'staff',
  'Mutation.archiveGuideArticle': 'staff',
  'Mutation.approveGuideArticleRevision': 'staff',
  'Mutation.returnGuideArticleToDraft': 'staff',
  'Mutation.rejectGuideArticleRevision': 'staff',
  'Mutation.eraseMemberFromGuide': 'system',
  'Mutation.eraseMemberFromModeration': 'system',
  'Mutation.createActor': 'staff',
  'Mutation.updateActor': 'staff',
  'Mutation.addWatchSource': 'staff',
  'Mutation.updateWatchSource': 'staff',
  'Mutation.pauseWatchSource': 'staff',
  'Mutation.submitWatchItem': 'member',
  'Mutation.curateWatchItem': 'staff',
  'Mutation.curateWatchItems': 'staff',
  'Mutation.updateWatchItem': 'staff',
  'Mutation.ingestWatchItems': 'system',
  'Mutation.updateMyProfile': 'member',
  'Mutation.updateMyNotificationPreferences': 'member',
  'Mutation.setMemberRole': 'admin',
  'Mutation.welcomeMember': 'staff',
  'Mutation.welcomeMembers': 'staff',
  'Mutation.assignBuddy': 'staff',
  'Mutation.signUp': 'public',
  'Mutation.logIn': 'public',
  'Mutation.refreshSession': 'public',
  'Mutation.logOut': 'public',
  'Mutation.verifyEmail': 'public',
  'Mutation.resendVerificationEmail': 'member',
  'Mutation.requestPasswordReset': 'public',
  'Mutation.resetPassword': 'public',
  'Mutation.deleteMyAccount': 'member',
  'Mutation.createGroup': 'member',
  'Mutation.joinGroup': 'member',
  'Mutation.leaveGroup': 'member',
  'Mutation.updateGroup': 'member',
  'Mutation.setGroupMemberRole': 'member',
  'Mutation.removeGroupMember': 'member',
  'Mutation.sendGroupMessage': 'member',
  'Mutation.setGroupMessagesReception': 'member',
  'Mutation.sendEventMessage': 'member',
  'Mutation.createProspect': 'staff',
  'Mutation.createProspectFromWatchItem': 'staff',
  'Mutation.updateProspect': 'staff',
  'Mutation.addProspectNote': 'staff',
  'Mutation.inviteProspect': 'staff',
  'Mutation.declineProspectContact': 'public',
  'Mutation.createGroupFromProspect': 'staff',
  'Mutation.minimiseInactiveProspects': 'system',
  'Mutation.retryDeadJobs': 'staff',
  'Mutation.reportContent': 'member',
  'Mutation.assignCase': 'staff',
  'Mutation.decideCase': 'staff',
  'Mutation.markDecisionApplied': 'system',
  'Mutation.recordRoleChange': 'system',
  'Mutation.recordFirstParticipations': 'system',
  'Mutation.recordNewcomerNudges': 'system',
};

/** Root fields applied by the workers in each owning service (one per subgraph, all system-only). */
const SYSTEM_PATTERNS = [/^Mutation\.apply\w*ModerationAction$/];

function accessOf(coordinate: string): Access | undefined {
  return ACCESS[coordinate] ?? (SYSTEM_PATTERNS.some((re) => re.test(coordinate)) ? 'system' : undefined);
}

/** A syntactically valid value for any input type, so that only authorisation can refuse the call. */
function sample(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, depth);
  if (isListType(type)) return [sample(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && depth < 4) value[field.name] = sample(field.type, depth + 1);
    }
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'PositiveInt':
        return 1;
      case 'Float':
      case 'Latitude':
      case 'Longitude':
        return 48.9;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2030-01-15T18:00:00.000Z';
      case 'Date':
        return '2030-01-15';
      case 'EmailAddress':
        return 'personne@example.org';
      case 'URL':
        return 'https://example.org/';
      case 'JSON':
        return {};
      default:
        return 'texte';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    variables[arg.name] = sample(arg.type);
    defs.push(`$${arg.name}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
  const query = `${kind} Check${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  return { query, variables };
}

function apiSchema(): GraphQLSchema {
  const result = composeServices(SUBGRAPH_SDL.map((s) => ({ name: s.name, url: s.url, typeDefs: s.typeDefs })));
  if (!result.schema) throw new Error('the supergraph does not compose');
  return result.schema.toAPISchema().toGraphQLJSSchema();
}

describe('authorisation matrix over every root field', () => {
  const schema = apiSchema();
  const fields = (['query', 'mutation'] as const).flatMap((kind) => {
    const type = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(type!.getFields()).map((field) => ({ kind, field, coordinate: `${type!.name}.${field.name}` }));
  });

  it('classifies every query and mutation of the supergraph', () => {
    expect(fields.filter((f) => !accessOf(f.coordinate)).map((f) => f.coordinate)).toEqual([]);
  });

  it('tags @tag(name: "system") exactly the system-only root fields, and the client contract has none of them', () => {
    const supergraph = readSupergraph();
    const system = fields
      .filter((f) => accessOf(f.coordinate) === 'system')
      .map((f) => f.coordinate)
      .sort();
    expect(system.length).toBeGreaterThan(30);
    expect([...taggedFields(supergraph)].sort()).toEqual(system);
    const contract = contractSchema(supergraph);
    const inContract = (coordinate: string) => {
      const [type, field] = coordinate.split('.') as [string, string];
      return Boolean((type === 'Query' ? contract.getQueryType() : contract.getMutationType())?.getFields()[field]);
    };
    expect(system.filter(inContract)).toEqual([]);
    // Everything else stays available to clients.
    expect(fields.filter((f) => accessOf(f.coordinate) !== 'system' && !inContract(f.coordinate)).map((f) => f.coordinate)).toEqual([]);
  });

  let system: TestSystem;
  const tokens: Record<'member' | 'staff' | 'admin', string> = { member: '', staff: '', admin: '' };
  beforeAll(async () => {
    system = await startTestSystem();
    tokens.member = (await system.signUp()).token;
    tokens.staff = (await system.signUp({ role: 'STAFF' })).token;
    tokens.admin = (await system.signUp({ role: 'ADMIN' })).token;
  });
  afterAll(async () => {
    await system?.stop();
  });

  const rank: Record<Access, number> = { public: 0, member: 1, staff: 2, admin: 3, system: 4 };
  const callers = [
    { who: 'anonymous', level: 0, token: () => undefined, refusal: 'UNAUTHENTICATED' },
    { who: 'member', level: 1, token: () => tokens.member, refusal: 'FORBIDDEN' },
    { who: 'staff', level: 2, token: () => tokens.staff, refusal: 'FORBIDDEN' },
    { who: 'admin', level: 3, token: () => tokens.admin, refusal: 'FORBIDDEN' },
  ] as const;

  it('refuses each caller what is above their role, with the right code and nothing else', async () => {
    const wrong: string[] = [];
    for (const { kind, field, coordinate } of fields) {
      const access = accessOf(coordinate);
      if (!access || access === 'public') continue;
      const { query, variables } = operationFor(kind, field);
      for (const caller of callers) {
        if (caller.level >= rank[access]) continue;
        const response = await system.gql(query, variables, caller.token());
        const codes = (response.errors ?? []).map((e) => e.extensions?.code);
        const data = response.data as Record<string, unknown> | null | undefined;
        if (codes[0] !== caller.refusal || (data && data[field.name] != null)) {
          wrong.push(
            `${coordinate} as ${caller.who}: expected ${caller.refusal}, got ${JSON.stringify(response.errors?.map((e) => [e.extensions?.code, e.message]) ?? data)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
