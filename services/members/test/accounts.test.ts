import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { membersRootOf } from '../src/composition-root';

const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken member { id displayName email role } }
}`;
const LOG_IN = `mutation LogIn($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { accessToken refreshToken member { id email } }
}`;
const REFRESH = `mutation Refresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken member { id } } }`;
const LOG_OUT = `mutation LogOut($t: String!) { logOut(refreshToken: $t) }`;

interface Payload {
  accessToken: string;
  refreshToken: string;
  member: { id: string; displayName?: string; email?: string | null; role?: string };
}

const PASSWORD = 'Pot-du-pote-2026!';

describe('accounts', () => {
  let system: TestSystem;
  let n = 0;
  const input = (over: Record<string, unknown> = {}) => {
    n += 1;
    return {
      email: `Awa.${n}.${Date.now()}@Example.org`,
      password: PASSWORD,
      displayName: 'Awa Diallo',
      communeCode: '93039',
      acceptCharter: true,
      ...over,
    };
  };

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('signs up, logs in, refreshes, detects reuse of a rotated token and logs out', async () => {
    const given = input();
    const signUp = await system.gql<{ signUp: Payload }>(SIGN_UP, { input: given });
    expect(signUp.errors).toBeUndefined();
    const created = signUp.data!.signUp;
    expect(created.member).toEqual({ id: expect.any(String), displayName: 'Awa Diallo', email: given.email.toLowerCase(), role: 'MEMBER' });

    // The access token works.
    const me = await system.gql<{ me: { id: string } }>('{ me { id } }', {}, created.accessToken);
    expect(me.data?.me?.id).toBe(created.member.id);

    // Log in with the e-mail in another case.
    const logIn = await system.gql<{ logIn: Payload }>(LOG_IN, { email: given.email.toUpperCase(), password: PASSWORD });
    expect(logIn.errors).toBeUndefined();
    expect(logIn.data!.logIn.member.id).toBe(created.member.id);
    const first = logIn.data!.logIn.refreshToken;

    // Refresh rotates the token.
    const refreshed = await system.gql<{ refreshSession: Payload }>(REFRESH, { t: first });
    expect(refreshed.errors).toBeUndefined();
    const second = refreshed.data!.refreshSession.refreshToken;
    expect(second).not.toBe(first);
    const meAgain = await system.gql<{ me: { id: string } }>('{ me { id } }', {}, refreshed.data!.refreshSession.accessToken);
    expect(meAgain.data?.me?.id).toBe(created.member.id);

    // Reusing the rotated token is refused and revokes the whole family, including the newer token.
    const reuse = await system.gql(REFRESH, { t: first });
    expect(reuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const afterReuse = await system.gql(REFRESH, { t: second });
    expect(afterReuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const family = await system.db.query(
      `SELECT count(*)::int AS total, count(revoked_at)::int AS revoked FROM members.refresh_tokens
       WHERE family_id = (SELECT family_id FROM members.refresh_tokens WHERE member_id = $1 ORDER BY created_at DESC LIMIT 1)`,
      [created.member.id],
    );
    expect(family.rows[0]).toEqual({ total: 2, revoked: 2 });

    // The sign-up session (another family) is untouched; log-out ends it.
    const other = await system.gql<{ refreshSession: Payload }>(REFRESH, { t: created.refreshToken });
    expect(other.errors).toBeUndefined();
    const current = other.data!.refreshSession.refreshToken;
    const out = await system.gql<{ logOut: boolean }>(LOG_OUT, { t: current });
    expect(out.data?.logOut).toBe(true);
    const afterLogOut = await system.gql(REFRESH, { t: current });
    expect(afterLogOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an e-mail already taken with CONFLICT on the email field', async () => {
    const given = input();
    expect((await system.gql(SIGN_UP, { input: given })).errors).toBeUndefined();
    const again = await system.gql(SIGN_UP, { input: { ...given, email: given.email.toUpperCase(), displayName: 'Autre' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    expect(again.errors?.[0]?.message).toMatch(/existe déjà/);
  });

  it.each([
    ['court', 'Ab1!', /au moins 10 caractères/],
    ['one kind', 'abcdefghijkl', /trois types/],
    ['common word', 'Motdepasse2026', /trop facile/],
    ['repeated', 'Aa1!Aa1!Aa1!', /répète/],
  ])('refuses a weak password (%s) and says why', async (_label, password, reason) => {
    const response = await system.gql(SIGN_UP, { input: input({ password }) });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(response.errors?.[0]?.message).toMatch(reason);
  });

  it('refuses a password that contains the e-mail address or the display name', async () => {
    const byEmail = await system.gql(SIGN_UP, { input: input({ email: `fatoumata@${Date.now()}.example.org`, password: 'Fatoumata-2026!' }) });
    expect(byEmail.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(byEmail.errors?.[0]?.message).toMatch(/trop facile/);
    const byName = await system.gql(SIGN_UP, { input: input({ displayName: 'Zoé Rakotobe', password: 'rakotobe-ZOE-75!' }) });
    expect(byName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(byName.errors?.[0]?.message).toMatch(/trop facile/);
  });

  it('refuses an unknown commune', async () => {
    for (const communeCode of ['99999', '13055', 'abc']) {
      const response = await system.gql(SIGN_UP, { input: input({ communeCode }) });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'communeCode' });
    }
  });

  it('refuses a sign-up without the charter', async () => {
    const response = await system.gql(SIGN_UP, { input: input({ acceptCharter: false }) });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'acceptCharter' });
    expect(response.errors?.[0]?.message).toMatch(/charte/);
  });

  it('refuses a display name that is too short', async () => {
    const response = await system.gql(SIGN_UP, { input: input({ displayName: ' A ' }) });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    const member = await system.signUp();
    const unknown = await system.gql(LOG_IN, { email: `personne-${Date.now()}@example.org`, password: PASSWORD });
    const wrong = await system.gql(LOG_IN, { email: member.email, password: 'Pas-le-bon-2026!' });
    expect(unknown.data).toEqual(wrong.data);
    expect(unknown.errors).toEqual(wrong.errors);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('costs the same argon2 work for an unknown address as for a known one: one verify, no hash', async () => {
    // The members process's one hasher (its composition root) counts the real argon2 operations it runs.
    const passwords = membersRootOf(system.subgraphs.members).passwords;
    const member = await system.signUp();
    const costOf = async (email: string, password: string) => {
      const before = passwords.operations();
      const response = await system.gql<{ logIn: Payload }>(LOG_IN, { email, password });
      const after = passwords.operations();
      return {
        hashes: after.hashes - before.hashes,
        verifies: after.verifies - before.verifies,
        code: response.errors?.[0]?.extensions?.code ?? null,
      };
    };
    const oneVerify = { hashes: 0, verifies: 1 };
    // Twice for an unknown address: the dummy hash was computed once, at boot, not per request.
    expect(await costOf(`personne-a-${Date.now()}@example.org`, PASSWORD)).toEqual({ ...oneVerify, code: 'UNAUTHENTICATED' });
    expect(await costOf(`personne-b-${Date.now()}@example.org`, PASSWORD)).toEqual({ ...oneVerify, code: 'UNAUTHENTICATED' });
    expect(await costOf(member.email, 'Pas-le-bon-2026!')).toEqual({ ...oneVerify, code: 'UNAUTHENTICATED' });
    expect(await costOf(member.email, member.password)).toEqual({ ...oneVerify, code: null });
  });

  it('refuses an unknown refresh token, and log-out of an unknown token is not an error', async () => {
    const refresh = await system.gql(REFRESH, { t: 'nimporte-quoi' });
    expect(refresh.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const out = await system.gql<{ logOut: boolean }>(LOG_OUT, { t: 'nimporte-quoi' });
    expect(out.data?.logOut).toBe(true);
  });

  it('stores only an argon2id hash and hashed refresh tokens', async () => {
    const member = await system.signUp();
    const row = await system.db.query('SELECT password_hash FROM members.members WHERE id = $1', [member.id]);
    expect(row.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    const tokens = await system.db.query('SELECT token_hash FROM members.refresh_tokens WHERE member_id = $1', [member.id]);
    expect(tokens.rows.map((r) => r.token_hash)).not.toContain(member.refreshToken);
  });
});
