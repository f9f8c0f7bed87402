// A GraphQL subscription over server-sent events (Yoga's "distinct connections" mode), read from
// a real HTTP response. A few lines of parsing: the test needs to see each event as it arrives.
export type ExecutionResult = { data?: any; errors?: { message: string; extensions?: any }[] };

export type Subscription = {
  /** The next result, or null once the server completed the stream. */
  next(timeoutMs?: number): Promise<ExecutionResult | null>;
  /** Whether a result (or the end) arrives within `ms`, without taking it. */
  arrivesWithin(ms: number): Promise<boolean>;
  close(): void;
};

export async function subscribe(
  url: string,
  query: string,
  variables: object = {},
  headers: Record<string, string> = {},
): Promise<Subscription> {
  const abort = new AbortController();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.body) throw new Error(`no stream: ${response.status}`);
  const pending: (ExecutionResult | null)[] = [];
  let arrived = () => {};
  const pump = async () => {
    let buffer = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const event = /^event: (\w+)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (event !== 'next' && event !== 'complete') continue; // a keep-alive comment
          pending.push(event === 'next' ? JSON.parse(data) : null);
          arrived();
        }
      }
    } catch {}
    pending.push(null);
    arrived();
  };
  void pump();
  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (pending.length) return resolve(true);
      const timer = setTimeout(() => resolve(false), ms);
      const previous = arrived;
      arrived = () => {
        previous();
        clearTimeout(timer);
        resolve(true);
      };
    });
  return {
    async next(timeoutMs = 15_000) {
      if (!(await wait(timeoutMs))) throw new Error('no event in time');
      return pending.shift() ?? null;
    },
    arrivesWithin: wait,
    close: () => abort.abort(),
  };
}
