import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { report, seedEvent } from './helpers';

describe('reporting content', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('lets a member report a member they can see; the report opens a case and shows in myReports', async () => {
    const reporter = await system.signUp();
    const target = await system.signUp();
    const response = await report(system, reporter.token, {
      targetType: 'MEMBER',
      targetId: target.id,
      reason: 'HARASSMENT',
      details: '  Messages insistants  ',
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.reportContent).toMatchObject({
      targetType: 'MEMBER',
      targetId: target.id,
      reason: 'HARASSMENT',
      details: 'Messages insistants',
      caseStatus: 'OPEN',
      reporter: { id: reporter.id },
    });
    const { rows } = await system.db.query(
      `SELECT c.status, c.report_count FROM moderation.reports r JOIN moderation.cases c ON c.id = r.case_id WHERE r.id = $1`,
      [response.data!.reportContent.id],
    );
    expect(rows).toEqual([{ status: 'OPEN', report_count: 1 }]);

    const mine = await system.gql<{ myReports: { id: string; caseStatus: string; reporter: { id: string } }[] }>(
      '{ myReports { id caseStatus reporter { id } } }',
      {},
      reporter.token,
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myReports).toEqual([{ id: response.data!.reportContent.id, caseStatus: 'OPEN', reporter: { id: reporter.id } }]);
  });

  it('refuses anonymous reporters with UNAUTHENTICATED', async () => {
    const target = await system.signUp();
    const response = await report(system, undefined, { targetType: 'MEMBER', targetId: target.id });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { rows } = await system.db.query(`SELECT 1 FROM moderation.reports WHERE target_id = $1`, [target.id]);
    expect(rows).toHaveLength(0);
  });

  it('updates the first report when the same member reports the same target again', async () => {
    const reporter = await system.signUp();
    const organizer = await system.signUp();
    const eventId = await seedEvent(system, organizer.id);
    const first = await report(system, reporter.token, { targetType: 'EVENT', targetId: eventId, reason: 'SPAM' });
    const second = await report(system, reporter.token, { targetType: 'EVENT', targetId: eventId, reason: 'MISINFORMATION', details: 'Fausse date' });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data!.reportContent.id).toBe(first.data!.reportContent.id);
    expect(second.data!.reportContent).toMatchObject({ reason: 'MISINFORMATION', details: 'Fausse date' });
    const { rows } = await system.db.query(
      `SELECT r.reason, c.report_count FROM moderation.reports r JOIN moderation.cases c ON c.id = r.case_id WHERE r.target_id = $1`,
      [eventId],
    );
    expect(rows).toEqual([{ reason: 'MISINFORMATION', report_count: 1 }]);
  });

  it('refuses an unknown target with NOT_FOUND, without storing anything', async () => {
    const reporter = await system.signUp();
    for (const targetId of ['00000000-0000-4000-8000-000000000000', 'pas-un-identifiant']) {
      const response = await report(system, reporter.token, { targetType: 'EVENT', targetId });
      expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(response.errors?.[0]?.message).toBe('Ce contenu est introuvable, ou vous ne pouvez pas le voir.');
    }
    const { rows } = await system.db.query(`SELECT 1 FROM moderation.reports WHERE reporter_id = $1`, [reporter.id]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a target the reporter cannot see (another member’s draft event), as if it did not exist', async () => {
    const reporter = await system.signUp();
    const organizer = await system.signUp();
    const draftId = await seedEvent(system, organizer.id, 'DRAFT');
    const response = await report(system, reporter.token, { targetType: 'EVENT', targetId: draftId });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Staff see drafts: the same target is accepted from them, so the refusal above is about visibility.
    const staff = await system.signUp({ role: 'STAFF' });
    const accepted = await report(system, staff.token, { targetType: 'EVENT', targetId: draftId });
    expect(accepted.errors).toBeUndefined();
  });

  it('accepts reports on a guide article and a group found through the gateway', async () => {
    const reporter = await system.signUp();
    const { rows: articles } = await system.db.query<{ id: string }>(
      `INSERT INTO guide.articles (slug, title, status, author_ids) VALUES ('fiche-signalee', 'Fiche signalée', 'PUBLISHED', '{}') RETURNING id`,
    );
    const { rows: groups } = await system.db.query<{ id: string }>(
      `INSERT INTO members.groups (name, search_name) VALUES ('Collectif du canal', 'collectif du canal') RETURNING id`,
    );
    const article = await report(system, reporter.token, { targetType: 'GUIDE_ARTICLE', targetId: articles[0]!.id });
    const group = await report(system, reporter.token, { targetType: 'GROUP', targetId: groups[0]!.id, reason: 'OFF_TOPIC' });
    expect(article.errors).toBeUndefined();
    expect(group.errors).toBeUndefined();
    const unknownArticle = await report(system, reporter.token, { targetType: 'GUIDE_ARTICLE', targetId: '00000000-0000-4000-8000-000000000001' });
    expect(unknownArticle.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('checks watch items through the gateway too: a selected item is reported, an unreviewed one is not visible', async () => {
    const reporter = await system.signUp();
    const { rows } = await system.db.query<{ id: string; status: string }>(
      `INSERT INTO guide.watch_items (url, normalized_url, title, status)
       VALUES ('https://example.org/a', 'example.org/a', 'Initiative retenue', 'SELECTED'),
              ('https://example.org/b', 'example.org/b', 'Initiative à trier', 'NEW')
       RETURNING id, status`,
    );
    const selected = rows.find((r) => r.status === 'SELECTED')!.id;
    const fresh = rows.find((r) => r.status === 'NEW')!.id;
    expect((await report(system, reporter.token, { targetType: 'WATCH_ITEM', targetId: selected, reason: 'MISINFORMATION' })).errors).toBeUndefined();
    const hidden = await report(system, reporter.token, { targetType: 'WATCH_ITEM', targetId: fresh });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a member reporting themselves', async () => {
    const member = await system.signUp();
    const response = await report(system, member.token, { targetType: 'MEMBER', targetId: member.id });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetId' });
    expect(response.errors?.[0]?.message).toBe('Vous ne pouvez pas vous signaler vous-même.');
  });

  it('limits a member to 20 reports per hour, with RATE_LIMITED and retryAfter', async () => {
    const reporter = await system.signUp();
    const target = await system.signUp();
    for (let i = 0; i < 20; i += 1) {
      const response = await report(system, reporter.token, { targetType: 'MEMBER', targetId: target.id, details: `n°${i}` });
      expect(response.errors).toBeUndefined();
    }
    const flooded = await report(system, reporter.token, { targetType: 'MEMBER', targetId: target.id, details: 'encore' });
    expect(flooded.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const retryAfter = flooded.errors?.[0]?.extensions?.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(flooded.errors?.[0]?.message).toMatch(/Réessayez dans 60 minutes/);
    const { rows } = await system.db.query(`SELECT details FROM moderation.reports WHERE reporter_id = $1`, [reporter.id]);
    expect(rows).toEqual([{ details: 'n°19' }]);
    // Another member is not limited by it.
    const other = await system.signUp();
    expect((await report(system, other.token, { targetType: 'MEMBER', targetId: target.id })).errors).toBeUndefined();
  });
});
