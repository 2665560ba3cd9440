import { checkJobPayload, DEDUPED_JOB_NAMES, JOB_NAMES, JOB_PAYLOAD_SCHEMAS, jobIdOf, jobIdProblem } from '@metropotes/jobs';

const A = '0b7e6a52-7f0e-4d7a-9b3c-1a2b3c4d5e6f';
const B = '00000000-0000-0000-0000-000000000002';
const C = 'c1c2c3c4-d5d6-4e7e-8f8f-909192939495';

/** The job ids of the contract (`jobIdOf`): one per kind that has a dedupe id, each the id its jobs always had. */
describe('jobIdOf (packages/jobs)', () => {
  const cases: [string, string][] = [
    [jobIdOf('email.requested', { template: 'welcome', memberId: A, dedupeKey: `welcome:${A}`, params: {} }), `email-welcome-${A}`],
    [jobIdOf('email.requested', { template: 'buddy-assigned', memberId: A, dedupeKey: 'k', params: { buddyId: B } }), `email-buddy-${A}-${B}`],
    [jobIdOf('email.requested', { template: 'verify-email', memberId: A, dedupeKey: 'k', params: { tokenId: C } }), `email-verify-email-${C}`],
    [jobIdOf('email.requested', { template: 'password-reset', memberId: A, dedupeKey: 'k', params: { tokenId: C } }), `email-password-reset-${C}`],
    [jobIdOf('email.deliver', { emailId: A }), `deliver-${A}`],
    [jobIdOf('member.erased', { memberId: A }), `member-erased-${A}`],
    [jobIdOf('moderation.apply-decision', { decisionId: A }), `apply-decision-${A}`],
    [jobIdOf('moderation.decided', { decisionId: A }), `decision-notice-${A}`],
    [jobIdOf('prospect.invitation-requested', { prospectId: A, invitationId: B, dedupeKey: 'k', params: {} }), `email-prospect-invitation-${B}`],
    [jobIdOf('prospect.forgotten', { prospectId: A }, '1795000000000'), `prospect-forgotten-${A}-1795000000000`],
    [jobIdOf('event.cancelled', { eventId: A }), `event-cancelled-${A}`],
    [jobIdOf('event.change-notice', { eventId: A, noticeId: B }), `event-change-notice-${B}`],
    [jobIdOf('registration.promoted', { registrationId: A, eventId: B, memberId: C }), `registration.promoted-${A}`],
    [jobIdOf('registration.promoted', { registrationId: A, eventId: B, memberId: C, promotion: 1 }), `registration.promoted-${A}`],
    [jobIdOf('registration.promoted', { registrationId: A, eventId: B, memberId: C, promotion: 3 }), `registration.promoted-${A}-3`],
    [
      jobIdOf('digest.batch', { period: '2026-W48', now: '2026-11-23T07:00:00.000Z', after: null }),
      'digest-batch-2026-W48-20261123T070000000Z-first',
    ],
    [jobIdOf('digest.batch', { period: '2026-11', now: '2026-11-23T07:00:00.000Z', after: A }), `digest-batch-2026-11-20261123T070000000Z-${A}`],
    [
      jobIdOf('audit.role-changed', { memberId: A, actorId: null, previousRole: 'MEMBER', role: 'STAFF', changedAt: '2026-11-23T07:00:00.000Z' }),
      `role-changed-${A}-${Date.parse('2026-11-23T07:00:00.000Z')}`,
    ],
    [
      jobIdOf('proposal.reviewed', { contentType: 'EVENT', contentId: A, decision: 'REJECTED', decidedAt: '2026-11-23T07:00:00.000Z' }),
      `proposal-reviewed-${A}-REJECTED-${Date.parse('2026-11-23T07:00:00.000Z')}`,
    ],
    [jobIdOf('group-message.sent', { messageId: A }), `group-message-${A}`],
    [jobIdOf('event-message.sent', { messageId: A }), `event-message-${A}`],
    [jobIdOf('attendance.changed', { eventId: A, memberIds: [B] }, C), `attendance-changed-${A}-${C}`],
  ];

  it.each(cases)('%s', (id, expected) => {
    expect(id).toBe(expected);
    // Every id is one BullMQ takes (no ':', never an integer).
    expect(jobIdProblem(id)).toBeNull();
  });

  it('covers every kind with a dedupe id, and only kinds of the contract', () => {
    expect(DEDUPED_JOB_NAMES.every((name) => (JOB_NAMES as readonly string[]).includes(name))).toBe(true);
    expect(DEDUPED_JOB_NAMES.sort()).toEqual(
      [
        'attendance.changed',
        'audit.role-changed',
        'digest.batch',
        'email.deliver',
        'email.requested',
        'event-message.sent',
        'event.cancelled',
        'event.change-notice',
        'group-message.sent',
        'member.erased',
        'moderation.apply-decision',
        'moderation.decided',
        'proposal.reviewed',
        'prospect.forgotten',
        'prospect.invitation-requested',
        'registration.promoted',
      ].sort(),
    );
  });

  it('is deterministic: the same job gives the same id, another job another id', () => {
    expect(jobIdOf('event.cancelled', { eventId: A })).toBe(jobIdOf('event.cancelled', { eventId: A }));
    expect(jobIdOf('event.cancelled', { eventId: A })).not.toBe(jobIdOf('event.cancelled', { eventId: B }));
  });

  it('refuses an id it cannot make: a link e-mail without its token, a discriminated kind without its discriminator', () => {
    expect(() => jobIdOf('email.requested', { template: 'verify-email', memberId: A, dedupeKey: 'k', params: {} })).toThrow(/params\.tokenId/);
    expect(() => (jobIdOf as (name: string, payload: unknown) => string)('attendance.changed', { eventId: A, memberIds: [] })).toThrow(
      /discriminator/,
    );
  });
});

describe('job payload schemas (packages/jobs)', () => {
  it('has a schema for every job of the contract', () => {
    expect(Object.keys(JOB_PAYLOAD_SCHEMAS).sort()).toEqual([...JOB_NAMES].sort());
  });

  it('takes a good payload (extra fields dropped) and names what is wrong with a bad one, without its value', () => {
    expect(checkJobPayload('registration.promoted', { registrationId: A, eventId: B, memberId: C, promotion: 2, extra: 'x' })).toEqual({
      ok: true,
      payload: { registrationId: A, eventId: B, memberId: C, promotion: 2 },
    });
    const bad = checkJobPayload('event.cancelled', { eventId: 'awa@example.org' });
    expect(bad).toEqual({ ok: false, problem: 'eventId: not a uuid' });
    expect(checkJobPayload('digest.batch', { period: '2026-W48', now: 'hier', after: null })).toEqual({
      ok: false,
      problem: 'now: not an instant (ISO 8601)',
    });
    const missing = checkJobPayload('audit.role-changed', { memberId: A, previousRole: 'MEMBER', role: 'KING', changedAt: '2026-11-23T07:00:00Z' });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.problem).toMatch(/^actorId: .+; role: .+/);
    expect(checkJobPayload('system.ping', null)).toMatchObject({ ok: false, problem: expect.stringMatching(/^\(payload\): /) });
    expect(checkJobPayload('digest.run', {})).toEqual({ ok: true, payload: {} });
  });
});
