// Every page's address in one place, so links and routes agree.
export const paths = {
  search: (query?: string) => (query ? `/?q=${encodeURIComponent(query)}` : '/'),
  entity: (id: string) => `/entity/${encodeURIComponent(id)}`,
  statement: (id: string) => `/statement/${encodeURIComponent(id)}`,
  meeting: (id: string) => `/meeting/${encodeURIComponent(id)}`,
  source: (id: string, attestation?: string) =>
    `/source/${encodeURIComponent(id)}${attestation ? `?attestation=${encodeURIComponent(attestation)}` : ''}`,
  counts: '/explore/counts',
  path: (from?: string, to?: string) => {
    const query = new URLSearchParams();
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    const text = query.toString();
    return `/explore/path${text ? `?${text}` : ''}`;
  },
  timeline: (id: string) => `/explore/timeline/${encodeURIComponent(id)}`,
  curate: '/curate',
};

/** The node a search result or link target is: its page's address by GraphQL type. */
export function nodePath(typename: string, id: string): string {
  switch (typename) {
    case 'Statement':
      return paths.statement(id);
    case 'Meeting':
      return paths.meeting(id);
    case 'Source':
      return paths.source(id);
    default:
      return paths.entity(id);
  }
}

/** A stored URL as a link target only when it is http(s): never javascript:, data: or others. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The GraphQL type a global ID names (the server's relay IDs are base64 of "Type:key"). The entity
 * page needs it before its one request: only people and organizations can be speakers.
 */
export function typeOfId(id: string): string | null {
  try {
    return /^([A-Za-z]+):/.exec(atob(id))?.[1] ?? null;
  } catch {
    return null;
  }
}
