// Checks on the HTTP request itself, before GraphQL sees it.
// - CSRF: a POST must say it is JSON. Forms and multipart posts are what another site can send
//   without a CORS preflight, so they are refused (415) rather than executed.
// - Size: a declared Content-Length over the limit is refused (413) before any byte is read; any
//   other body (chunked, or lying about its length) is counted while it streams and refused the
//   moment it passes the limit, so nothing larger than the limit is ever held.
// - Time: a body that stops arriving for `bodyIdleTimeoutMs` is refused (408).
// - Encoding: a body that is not valid UTF-8 is refused (400) instead of being decoded with
//   replacement characters.
// The body is read once, here, and parsed into the GraphQL parameters (Yoga's own JSON parser
// would read it a second time).
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';

const jsonTypes = ['application/json', 'application/graphql-response+json'];

export type RequestGuards = { maxBodyBytes: number; bodyIdleTimeoutMs: number };

function refuse(status: number, code: string, message: string): Response {
  // The rest of the body is not read: the connection closes once this answer is sent.
  return Response.json(
    { errors: [{ message, extensions: { code } }] },
    { status, headers: { connection: 'close' } },
  );
}

const badRequest = (message: string) =>
  createGraphQLError(message, {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });

class BodyRefused extends Error {
  constructor(readonly response: Response) {
    super('request body refused');
  }
}

/** The body as text, read chunk by chunk within the size and idle limits. */
async function readBody(
  body: ReadableStream<Uint8Array>,
  { maxBodyBytes, bodyIdleTimeoutMs }: RequestGuards,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let received = 0;
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  const idle =
    bodyIdleTimeoutMs > 0
      ? () =>
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new BodyRefused(
                    refuse(
                      408,
                      'REQUEST_TIMEOUT',
                      `The request body stopped arriving for ${bodyIdleTimeoutMs} ms.`,
                    ),
                  ),
                ),
              bodyIdleTimeoutMs,
            );
          })
      : undefined;
  try {
    for (;;) {
      const { done, value } = await (idle ? Promise.race([reader.read(), idle()]) : reader.read());
      clearTimeout(timer);
      if (done) break;
      received += value.byteLength;
      if (received > maxBodyBytes) {
        throw new BodyRefused(
          refuse(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBodyBytes} bytes.`),
        );
      }
      try {
        text += decoder.decode(value, { stream: true });
      } catch {
        throw new BodyRefused(refuse(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.'));
      }
    }
    try {
      return text + decoder.decode();
    } catch {
      throw new BodyRefused(refuse(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.'));
    }
  } catch (error) {
    clearTimeout(timer);
    void reader.cancel().catch(() => {});
    throw error;
  }
}

/** The GraphQL parameters of a JSON POST body, refused as Yoga's own parser refuses them. */
function paramsOf(text: string): GraphQLParams | GraphQLParams[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('POST body sent invalid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw badRequest(`POST body is expected to be object but received ${JSON.stringify(parsed)}`);
  }
  return parsed as GraphQLParams | GraphQLParams[];
}

export function useRequestGuards(guards: RequestGuards): Plugin {
  const tooLarge = () =>
    refuse(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${guards.maxBodyBytes} bytes.`);
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (!type || !jsonTypes.includes(type)) {
        endResponse(
          refuse(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'POST requests must have Content-Type: application/json.',
          ),
        );
        return;
      }
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);
      if (declared > guards.maxBodyBytes) endResponse(tooLarge());
    },
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST') return;
      setRequestParser(async (request) => {
        if (!request.body) throw badRequest('POST body is expected to be object but received null');
        try {
          return paramsOf(await readBody(request.body, guards));
        } catch (error) {
          if (error instanceof BodyRefused) return error.response;
          throw error;
        }
      });
    },
  };
}
