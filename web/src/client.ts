import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { apiKey } from './api-key.ts';

export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  // POST keeps queries out of URLs and server access logs.
  preferGetMethod: false,
  requestPolicy: 'cache-and-network',
  fetchOptions: () => {
    const key = apiKey();
    return key ? { headers: { authorization: `Bearer ${key}` } } : {};
  },
});
