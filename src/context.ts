import type { YogaInitialContext } from 'graphql-yoga';

export type Context = YogaInitialContext;

export function createContext(initial: YogaInitialContext): Context {
  return initial;
}
