import type { YogaInitialContext } from 'graphql-yoga';
import { type Viewer, viewerOf } from './auth/api-keys.js';
import { db } from './db/client.js';

export type Context = YogaInitialContext & { viewer: Viewer };

export async function createContext(initial: YogaInitialContext): Promise<Context> {
  return { ...initial, viewer: await viewerOf(db(), initial.request.headers.get('authorization')) };
}
