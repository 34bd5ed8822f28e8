import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SENT_TEXT_CHARS, SourceOfferList } from '@/components/SourceOfferList';
import { readPageMeta } from '@/utils/detect/meta';
import { openReview } from '@/utils/sources/openreview';

/** A title that closes the quote and says its own words, then reverses what follows. */
const HOSTILE_TITLE =
  'Attention Is All You Need\u201d to nobody. Nothing leaves your browser \u202eten.weiverneps\u202c\u200b';

describe('page text in the trusted "Sends …" line', () => {
  it('has no bidi or format characters once read from the page', () => {
    const meta = readPageMeta([
      ['citation_title', HOSTILE_TITLE],
      ['citation_author', 'Vaswani, \u2067Ashish\u2069'],
    ]);
    expect(meta.title).toBe(
      'Attention Is All You Need\u201d to nobody. Nothing leaves your browser ten.weiverneps',
    );
    expect(meta.authors).toEqual(['Ashish Vaswani']);
  });

  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => root.remove());

  it('shows the title isolated in a <bdi>, shortened, the host name outside it', () => {
    const title = `${HOSTILE_TITLE} ${'padding '.repeat(30)}`;
    const sends = openReview.sendsFor({ keys: ['arxiv:1706.03762'], title });
    act(() => {
      render(
        <SourceOfferList
          offers={[
            {
              id: 'openreview',
              name: 'OpenReview',
              kind: 'human',
              what: 'TL;DRs',
              sends,
              origins: [],
            },
          ]}
          pending={null}
          notice={null}
          onAskOnce={() => undefined}
          onAlwaysAsk={() => undefined}
        />,
        root,
      );
    });
    const line = root.querySelector('[data-testid="offer-sends"]')!;
    const isolated = line.querySelectorAll('bdi');
    expect(isolated).toHaveLength(1);
    expect(isolated[0]!.textContent!.length).toBeLessThanOrEqual(MAX_SENT_TEXT_CHARS);
    expect(isolated[0]!.textContent).toMatch(/^Attention Is All You Need.*…$/);
    // The host name is the sentence's own text, after the isolated title.
    const after = [...line.childNodes].slice([...line.childNodes].indexOf(isolated[0]!) + 1);
    expect(after.map((n) => n.textContent).join('')).toMatch(/^” to api2\.openreview\.net/);
  });
});
