import type { TestSystem } from '@metropotes/test-kit';

export const ARTICLE_FIELDS = `id slug title summary body bodyHtml scales themes status version updatedAt publishedAt
  steps { title text textHtml } communes { code } authors { id } actors { id name kind }`;

export interface ArticleShape {
  id: string;
  slug: string;
  title: string;
  version: number;
  status: string;
  [key: string]: unknown;
}

/** Creates a fiche as `token`; throws when the API refuses. */
export async function createArticle(system: TestSystem, token: string, input: Record<string, unknown>): Promise<ArticleShape> {
  const res = await system.gql<{ createGuideArticle: ArticleShape }>(
    `mutation($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { ${ARTICLE_FIELDS} } }`,
    { input },
    token,
  );
  if (!res.data?.createGuideArticle) throw new Error(`createGuideArticle failed: ${JSON.stringify(res.errors)}`);
  return res.data.createGuideArticle;
}

export async function publishArticle(system: TestSystem, staffToken: string, id: string): Promise<void> {
  const res = await system.gql(`mutation($id: ID!) { publishGuideArticle(id: $id) { id status } }`, { id }, staffToken);
  if (res.errors) throw new Error(`publishGuideArticle failed: ${JSON.stringify(res.errors)}`);
}

export const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);
