// Reads an article from a plain text file: UTF-8 text, at most maxArticleBytes, the first line
// its headline.
import { createReadStream } from 'node:fs';
import { DraftInputError, maxArticleBytes } from './draft.js';

/** The file's bytes, refusing to read past the size limit. */
async function readLimited(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxArticleBytes) {
      stream.destroy();
      throw new DraftInputError(
        'TOO_LARGE',
        `${path}: larger than the limit of ${maxArticleBytes / (1024 * 1024)} MB for one article`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The article in a text file. Its first line is the headline, unless it reads as a sentence of
 * the body (it ends like one) or it is the only line.
 */
export async function readArticleText(path: string): Promise<{ title?: string; text: string }> {
  const bytes = await readLimited(path);
  if (bytes.includes(0)) {
    throw new DraftInputError(
      'BINARY_FILE',
      `${path}: a binary file (it contains NUL bytes), not text`,
    );
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DraftInputError('BINARY_FILE', `${path}: not UTF-8 text`);
  }
  return splitHeadline(content.replace(/^\uFEFF/, ''));
}

export function splitHeadline(content: string): { title?: string; text: string } {
  const newline = content.indexOf('\n');
  if (newline < 0) return { text: content };
  const first = content.slice(0, newline).trim();
  const rest = content.slice(newline + 1).replace(/^\s*\n/, '');
  if (first === '' || /[.!?:"”’]$/.test(first) || rest.trim() === '') return { text: content };
  return { title: first, text: rest };
}
