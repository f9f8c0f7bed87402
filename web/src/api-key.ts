// The curator's API key lives in this tab's sessionStorage only: never in the URL, a log or
// localStorage. The GraphQL client sends it as the Authorization header.
const storageKey = 'explorer.apiKey';

export function apiKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(storageKey, key);
  else sessionStorage.removeItem(storageKey);
}
