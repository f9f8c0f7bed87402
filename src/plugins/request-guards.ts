// Checks on the HTTP request itself, before GraphQL sees it.
// - CSRF: a POST must say it is JSON. Forms and multipart posts are what another site can send
//   without a CORS preflight, so they are refused (415) rather than executed.
// - Size: bodies over the limit are refused (413) without being parsed.
// - Encoding: a body that is not valid UTF-8 is refused (400) instead of being decoded with
//   replacement characters.
import type { Plugin } from 'graphql-yoga';

const jsonTypes = ['application/json', 'application/graphql-response+json'];

function refuse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

export function useRequestGuards({ maxBodyBytes }: { maxBodyBytes: number }): Plugin {
  return {
    async onRequest({ request, endResponse }) {
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
      const tooLarge = () =>
        refuse(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBodyBytes} bytes.`);
      if (declared > maxBodyBytes) {
        endResponse(tooLarge());
        return;
      }
      const body = new Uint8Array(await request.clone().arrayBuffer());
      if (body.byteLength > maxBodyBytes) {
        endResponse(tooLarge());
        return;
      }
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        endResponse(refuse(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.'));
      }
    },
  };
}
