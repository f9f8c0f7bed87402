// API keys: the secret is shown once, at creation; only its SHA-256 is stored, so a copy of the
// database does not hand out write access.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';

export type AccessRole = 'EDITOR' | 'ADMIN';

export type Viewer =
  | { kind: 'anonymous'; problem?: string }
  | { kind: 'key'; apiKeyId: number; name: string; role: AccessRole };

export const anonymous: Viewer = { kind: 'anonymous' };

const prefix = 'kb_';

export const hashKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createApiKey(prisma: Db, name: string, role: AccessRole) {
  const secret = `${prefix}${randomBytes(24).toString('base64url')}`;
  const key = await prisma.apiKey.create({ data: { name, role, keyHash: hashKey(secret) } });
  return { id: key.id, name: key.name, role: key.role, secret };
}

/** Revokes a key by id; false when there is no such key or it was revoked already. */
export async function revokeApiKey(prisma: Db, id: number): Promise<boolean> {
  const { count } = await prisma.apiKey.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/** The viewer a request's `Authorization: Bearer <key>` header names (anonymous without one). */
export async function viewerOf(prisma: Db, authorization: string | null): Promise<Viewer> {
  if (!authorization) return anonymous;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1])
    return { kind: 'anonymous', problem: 'the Authorization header is not "Bearer <key>"' };
  const key = await prisma.apiKey.findUnique({ where: { keyHash: hashKey(match[1]) } });
  if (!key) return { kind: 'anonymous', problem: 'the API key is not known' };
  if (key.revokedAt) return { kind: 'anonymous', problem: 'the API key was revoked' };
  return { kind: 'key', apiKeyId: key.id, name: key.name, role: key.role };
}

const rank: Record<AccessRole, number> = { EDITOR: 1, ADMIN: 2 };

export const hasRole = (viewer: Viewer, role: AccessRole) =>
  viewer.kind === 'key' && rank[viewer.role] >= rank[role];
