import { startTestSystem, type TestSystem } from '@metropotes/test-kit';

describe('one endpoint over four subgraphs', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers one query with data resolved by members, events, guide and moderation', async () => {
    const member = await system.signUp({ displayName: 'Awa Diallo' });
    // Seed one event and one fiche authored by this member, as their own services would store them.
    await system.db.query(
      `INSERT INTO events.events (title, kind, status, starts_at, ends_at, organizer_id)
       VALUES ('Pot du pote de décembre', 'POT_DU_POTE', 'PUBLISHED', now() + interval '7 days', now() + interval '7 days 2 hours', $1)`,
      [member.id],
    );
    await system.db.query(
      `INSERT INTO guide.articles (slug, title, status, author_ids) VALUES ('saisir-son-conseil-de-quartier', 'Saisir son conseil de quartier', 'PUBLISHED', $1)`,
      [[member.id]],
    );
    await system.db.query(`INSERT INTO moderation.reports (reporter_id, target_type, target_id, reason) VALUES ($1, 'EVENT', 'x', 'SPAM')`, [
      member.id,
    ]);

    const response = await system.gql<{
      me: { displayName: string; organizedEvents: { title: string; organizer: { displayName: string } }[]; guideArticles: { title: string }[] };
      myReports: { reason: string; reporter: { displayName: string } }[];
    }>(
      `query Everything {
        me {
          displayName
          organizedEvents { title organizer { displayName } }
          guideArticles { title }
        }
        myReports { reason reporter { displayName } }
      }`,
      {},
      member.token,
    );

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      me: {
        displayName: 'Awa Diallo',
        organizedEvents: [{ title: 'Pot du pote de décembre', organizer: { displayName: 'Awa Diallo' } }],
        guideArticles: [{ title: 'Saisir son conseil de quartier' }],
      },
      myReports: [{ reason: 'SPAM', reporter: { displayName: 'Awa Diallo' } }],
    });
  });

  it('reports itself ready when every subgraph answers', async () => {
    const response = await fetch(`${system.origin}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ready: true,
      checks: { members: 'ok', events: 'ok', guide: 'ok', moderation: 'ok' },
    });
  });

  it('refuses a forged token with UNAUTHENTICATED', async () => {
    const response = await system.gql('{ me { id } }', {}, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
