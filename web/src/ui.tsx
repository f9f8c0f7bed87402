import type { CombinedError } from '@urql/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { nodePath, safeHttpUrl } from './links.ts';

export function Loading() {
  return (
    <p class="status" role="status">
      Loading…
    </p>
  );
}

export function Failure({ error }: { error: CombinedError }) {
  const messages = error.graphQLErrors.length
    ? error.graphQLErrors.map(
        (e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`,
      )
    : [error.networkError?.message ?? error.message];
  return (
    <div class="failure" role="alert">
      <p>The server could not answer:</p>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

export function NotFound({ what }: { what: string }) {
  return (
    <section>
      <h1>Not found</h1>
      <p>No {what} has this address. It may have been deleted or merged.</p>
      <p>
        <a href="/">Search the knowledge base</a>
      </p>
    </section>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** A link to the page of a node: entity, statement, meeting or source. */
export function NodeLink(props: {
  node: { __typename?: string; id: string };
  children: ComponentChildren;
}) {
  return <a href={nodePath(props.node.__typename ?? 'Person', props.node.id)}>{props.children}</a>;
}

const stanceWords: Record<string, string> = {
  SUPPORTS: 'supports',
  CRITICIZES: 'criticizes',
  DENIES: 'denies',
  NEUTRAL: 'neutral',
};

/** A stance in colour and in words, so that it reads without colour too. */
export function Stance({ stance }: { stance: string | null | undefined }) {
  const value = stance ?? 'UNKNOWN';
  return (
    <span class={`stance stance-${value.toLowerCase()}`}>{stanceWords[value] ?? 'no stance'}</span>
  );
}

export function Verification({ value }: { value: string }) {
  return (
    <span class={`verification verification-${value.toLowerCase()}`}>
      {value === 'VERIFIED' ? 'verified' : 'extracted, not verified'}
    </span>
  );
}

export function DateText({ date }: { date: { text: string } | null | undefined }) {
  return date ? <time>{date.text}</time> : <span class="undated">undated</span>;
}

/** A stored URL: a link when it is http(s), otherwise shown as plain text. */
export function ExternalLink({ url }: { url: string | null | undefined }) {
  if (!url) return null;
  const safe = safeHttpUrl(url);
  return safe ? (
    <a href={safe} rel="noopener noreferrer external">
      {url}
    </a>
  ) : (
    <span class="unsafe-url">{url}</span>
  );
}

const snippetEntities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * The search snippet is HTML-escaped text with <b> around matched words. It is split and
 * unescaped here, and rendered as text with <mark>: nothing stored reaches innerHTML.
 */
export function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<b>|<\/b>)/);
  const out: ComponentChildren[] = [];
  let marked = false;
  parts.forEach((part, index) => {
    if (part === '<b>') marked = true;
    else if (part === '</b>') marked = false;
    else if (part) {
      const text = part.replace(
        /&(amp|lt|gt|quot|#39);/g,
        (entity) => snippetEntities[entity] ?? entity,
      );
      out.push(marked ? <mark key={index}>{text}</mark> : text);
    }
  });
  return <>{out}</>;
}

export type TextMark = { start: number; end: number; href: string; id: string; current?: boolean };

/**
 * A text with marked spans (attested excerpts), each a link. Overlapping marks are cut at every
 * boundary; a piece covered by several links to the shortest, so nested excerpts stay reachable.
 */
export function MarkedText({ text, marks }: { text: string; marks: TextMark[] }) {
  const valid = marks.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])].sort(
    (a, b) => a - b,
  );
  const pieces: ComponentChildren[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    const covering = valid.filter((m) => m.start <= start && m.end >= end);
    const piece = text.slice(start, end);
    const innermost = covering.reduce<TextMark | null>(
      (best, m) => (!best || m.end - m.start < best.end - best.start ? m : best),
      null,
    );
    if (!innermost) {
      pieces.push(piece);
      continue;
    }
    const starting = covering.find((m) => m.start === start);
    pieces.push(
      <mark
        key={start}
        class={covering.some((m) => m.current) ? 'excerpt current' : 'excerpt'}
        id={starting ? `attestation-${starting.id}` : undefined}
      >
        <a href={innermost.href}>{piece}</a>
      </mark>,
    );
  }
  return <>{pieces}</>;
}

/** An excerpt with some of the source text around it, the excerpt marked. */
export function ExcerptInContext(props: {
  text: string;
  start: number;
  end: number;
  around?: number;
}) {
  const around = props.around ?? 240;
  const from = Math.max(0, props.start - around);
  const to = Math.min(props.text.length, props.end + around);
  return (
    <blockquote class="context">
      {from > 0 ? '…' : ''}
      {props.text.slice(from, props.start)}
      <mark class="excerpt current">{props.text.slice(props.start, props.end)}</mark>
      {props.text.slice(props.end, to)}
      {to < props.text.length ? '…' : ''}
    </blockquote>
  );
}

/** A module loaded on demand (the graph and chart libraries stay out of the first bundle). */
export function useModule<T>(load: () => Promise<T>): T | null {
  const [module, setModule] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((loaded) => {
      if (live) setModule(() => loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return module;
}

export function useTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Explorer` : 'Explorer · News knowledge base';
  }, [title]);
}
