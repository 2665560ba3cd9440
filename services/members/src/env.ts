import { loadEnvOrExit, subgraphConfigFrom, z, type SubgraphConfig } from '@metropotes/config';

export interface MembersConfig extends SubgraphConfig {
  /** PEM (PKCS#8) Ed25519 key that signs access tokens. Only this service holds it. */
  authPrivateKey: string;
  /** Where members calls the gateway as the viewer (outreach reads veille items). */
  gatewayUrl: string;
  /** Contact data of prospects inactive this long is erased. */
  prospectRetentionMonths: number;
  /** How long `previewDigest` waits for the workers to compose the preview: below the gateway's SUBGRAPH_TIMEOUT_MS (10 s). */
  digestPreviewTimeoutMs: number;
  /** How long the data export waits for the workers' part (the e-mails): below the gateway client's 5 s. */
  dataExportWorkersTimeoutMs: number;
  /** Verification e-mails, and password-reset e-mails, one address may get in an hour (beyond: the same answer, nothing sent). */
  accountEmailsPerHour: number;
}

const ownShape = {
  AUTH_PRIVATE_KEY: z.string().min(1, 'the PEM private key that signs access tokens'),
  GATEWAY_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4000/graphql'),
  PROSPECT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  DIGEST_PREVIEW_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  DATA_EXPORT_WORKERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(4_500).default(3_000),
  ACCOUNT_EMAILS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(3),
};

export function membersConfigFrom(source: Record<string, string | undefined> = process.env): MembersConfig {
  const base = subgraphConfigFrom('MEMBERS', 4001, source, ownShape);
  const own = loadEnvOrExit(ownShape, source);
  return {
    ...base,
    authPrivateKey: own.AUTH_PRIVATE_KEY,
    gatewayUrl: own.GATEWAY_URL,
    prospectRetentionMonths: own.PROSPECT_RETENTION_MONTHS,
    digestPreviewTimeoutMs: own.DIGEST_PREVIEW_TIMEOUT_MS,
    dataExportWorkersTimeoutMs: own.DATA_EXPORT_WORKERS_TIMEOUT_MS,
    accountEmailsPerHour: own.ACCOUNT_EMAILS_PER_HOUR,
  };
}
