import { loadEnvOrExit, subgraphConfigFrom, z, type SubgraphConfig } from '@metropotes/config';

export interface MembersConfig extends SubgraphConfig {
  /** PEM (PKCS#8) Ed25519 key that signs access tokens. Only this service holds it. */
  authPrivateKey: string;
}

export function membersConfigFrom(source: Record<string, string | undefined> = process.env): MembersConfig {
  const base = subgraphConfigFrom('MEMBERS', 4001, source);
  const own = loadEnvOrExit({ AUTH_PRIVATE_KEY: z.string().min(1, 'the PEM private key that signs access tokens') }, source);
  return { ...base, authPrivateKey: own.AUTH_PRIVATE_KEY };
}
