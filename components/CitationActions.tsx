import { useState } from 'preact/hooks';
import { useCopy } from '@/hooks/use-copy';
import { bibtexEntry, markdownLink, type CitedPaper } from '@/utils/render/citation';
import { formattedReference } from '@/utils/render/reference';
import { risRecord } from '@/utils/render/ris';

/** The formats *Copy citation* offers: what each is called and how it is written. */
const FORMATS = {
  bibtex: { label: 'BibTeX', what: 'BibTeX', write: (p: CitedPaper) => bibtexEntry(p) },
  ris: { label: 'RIS', what: 'RIS', write: (p: CitedPaper) => risRecord(p) },
  apa: { label: 'Reference (APA)', what: 'Reference', write: formattedReference },
} satisfies Record<
  string,
  { label: string; what: string; write: (p: CitedPaper) => string | null }
>;
type Format = keyof typeof FORMATS;

/** Copy citation (BibTeX, RIS or an APA reference) / Copy link as Markdown, for the paper a view shows. */
export function CitationActions({ paper }: { paper: CitedPaper }) {
  const { copied, copy } = useCopy();
  const [format, setFormat] = useState<Format>('bibtex');
  const chosen = FORMATS[format];
  return (
    <p class="cite-actions">
      <span class="cite-copy">
        <select
          class="cite-format"
          aria-label="Citation format"
          value={format}
          onChange={(e) => setFormat((e.target as HTMLSelectElement).value as Format)}
          data-testid="copy-citation-format"
        >
          {Object.entries(FORMATS).map(([value, f]) => (
            <option key={value} value={value}>
              {f.label}
            </option>
          ))}
        </select>
        {/* The test id dates from when this button copied BibTeX only; tests and scripts click it. */}
        <button
          type="button"
          class="link-button"
          onClick={() => copy(chosen.write(paper), chosen.what)}
          data-testid="copy-bibtex"
        >
          Copy citation
        </button>
      </span>
      <button
        type="button"
        class="link-button"
        onClick={() => copy(markdownLink(paper), 'Markdown link')}
        data-testid="copy-markdown"
      >
        Copy link as Markdown
      </button>
      <span class="cite-status" role="status" aria-live="polite">
        {copied &&
          (copied.ok
            ? `${copied.what} copied.`
            : `The browser did not let ${copied.what} be copied.`)}
      </span>
    </p>
  );
}
