// Format 1.1's `ref`: the global ID of a stored person, organization or country, checked to
// exist, with the redirects of merged entities followed to the survivor.
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import type { Db } from '../db/client.js';
import type { ArticleIssue } from './article-format.js';

type Client = Db | Prisma.TransactionClient;
export type RefType = 'Person' | 'Organization' | 'Country';

export const refTypeOf = {
  countries: 'Country',
  organizations: 'Organization',
  people: 'Person',
} as const satisfies Record<string, RefType>;

/** The stored row's ID, or why the ref names nothing usable. */
export async function resolveRef(
  client: Client,
  ref: string,
  type: RefType,
): Promise<{ id: number } | { problem: string }> {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(ref);
  } catch {}
  if (!decoded || !/^[1-9]\d{0,15}$/.test(decoded.id)) {
    return { problem: `"${ref}" is not a global ID` };
  }
  if (decoded.typename !== type) {
    return { problem: `"${ref}" is the ID of a ${decoded.typename}, expected a ${type}` };
  }
  let id = Number(decoded.id);
  // Merges cannot form a cycle; the bound is a guard.
  for (let hop = 0; hop < 20; hop++) {
    const redirect = await client.redirect.findUnique({
      where: { entityType_fromId: { entityType: type, fromId: id } },
    });
    if (!redirect) break;
    id = redirect.toId;
  }
  const where = { where: { id }, select: { id: true } };
  const row =
    type === 'Person'
      ? await client.person.findUnique(where)
      : type === 'Organization'
        ? await client.organization.findUnique(where)
        : await client.country.findUnique(where);
  return row ? { id } : { problem: `no ${type} has the ID "${ref}"` };
}

/**
 * The problems of every `ref` in a document as written (before or despite its format
 * problems), so that format and database problems come back in one round.
 */
export async function refIssues(client: Client, data: unknown): Promise<ArticleIssue[]> {
  const issues: ArticleIssue[] = [];
  if (typeof data !== 'object' || data === null) return issues;
  for (const [collection, type] of Object.entries(refTypeOf)) {
    const items = (data as Record<string, unknown>)[collection];
    if (!Array.isArray(items)) continue;
    for (const [index, item] of items.entries()) {
      const ref = (item as { ref?: unknown } | null)?.ref;
      if (typeof ref !== 'string' || ref === '') continue;
      const resolved = await resolveRef(client, ref, type);
      if ('problem' in resolved)
        issues.push({ path: [collection, index, 'ref'], message: resolved.problem });
    }
  }
  return issues;
}
