import { highlight } from '@/utils/search/highlight';

/** Text with matched words in <mark>; rendered as text nodes, never as HTML. */
export function Highlighted({
  text,
  terms,
  prefixes,
}: {
  text: string;
  terms: ReadonlySet<string>;
  prefixes: readonly string[];
}) {
  return (
    <>
      {highlight(text, terms, prefixes).map((s, i) =>
        s.hit ? <mark key={i}>{s.text}</mark> : s.text,
      )}
    </>
  );
}
