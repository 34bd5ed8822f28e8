import { useCopy } from '@/hooks/use-copy';
import { bibtexEntry, markdownLink, type CitedPaper } from '@/utils/render/citation';

/** Copy BibTeX / Copy link as Markdown, for the paper a view shows. */
export function CitationActions({ paper }: { paper: CitedPaper }) {
  const { copied, copy } = useCopy();
  return (
    <p class="cite-actions">
      <button
        type="button"
        class="link-button"
        onClick={() => copy(bibtexEntry(paper), 'BibTeX')}
        data-testid="copy-bibtex"
      >
        Copy BibTeX
      </button>
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
