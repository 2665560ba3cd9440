import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_ALG = 'EdDSA';

export interface PemKeyPair {
  privateKey: string;
  publicKey: string;
}

export async function generatePemKeyPair(): Promise<PemKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) };
}

export const importPrivateKey = (pem: string): Promise<CryptoKey> => importPKCS8(normalisePem(pem), TOKEN_ALG);
export const importPublicKey = (pem: string): Promise<CryptoKey> => importSPKI(normalisePem(pem), TOKEN_ALG);

/** Allows PEM keys passed in one-line env variables with literal "\n". */
function normalisePem(pem: string): string {
  return pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
}

/**
 * For local development only: reads (or creates once) a key pair in `dir`.
 * Production deployments pass the PEM keys through the environment.
 */
export async function ensureDevKeyPair(dir: string, name: string): Promise<PemKeyPair> {
  const privatePath = join(dir, `${name}-private.pem`);
  const publicPath = join(dir, `${name}-public.pem`);
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return { privateKey: readFileSync(privatePath, 'utf8'), publicKey: readFileSync(publicPath, 'utf8') };
  }
  const pair = await generatePemKeyPair();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(privatePath, pair.privateKey, { mode: 0o600 });
  writeFileSync(publicPath, pair.publicKey);
  return pair;
}
