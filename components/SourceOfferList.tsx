import { sendsText, type Sends, type SourceOffer } from '@/utils/core/tab-state';
import { cutText } from '@/utils/core/schema';

/** Page text in the "Sends …" line is shortened to this (the whole of it in the tooltip). */
export const MAX_SENT_TEXT_CHARS = 80;

export interface SourceOfferListProps {
  offers: SourceOffer[];
  /** Under the cards of a paper that has few summaries: smaller, without the description. */
  compact?: boolean;
  /** The source whose click waits for the browser or the worker. */
  pending: string | null;
  notice: string | null;
  onAskOnce(sourceId: string): void;
  onAlwaysAsk(sourceId: string): void;
}

/**
 * Sources that could answer for this paper but are off, each with its kind,
 * exactly what asking would send and to whom, and two actions: ask this once
 * (nothing remembered, the source stays off) or always (the source turned on).
 */
export function SourceOfferList({
  offers,
  compact = false,
  pending,
  notice,
  onAskOnce,
  onAlwaysAsk,
}: SourceOfferListProps) {
  if (!offers.length && !notice) return null;
  return (
    <section
      class={`offers${compact ? ' offers-compact' : ''}`}
      aria-labelledby="offers-heading"
      data-testid="source-offers"
    >
      <h2 id="offers-heading" class="offers-heading">
        {compact ? 'More sources could answer' : 'Sources that could answer'}
      </h2>
      {!compact && (
        <p class="offers-intro">
          Each is off, and nothing is sent until you click. <em>Ask once</em>: this paper only; the
          source stays off. <em>Always ask</em>: turns it on for every paper you open (switch it off
          again under Sources).
        </p>
      )}
      {offers.map((offer) => {
        const nameId = `offer-${offer.id}`;
        const busy = pending === offer.id;
        return (
          <article
            key={offer.id}
            class="offer"
            aria-labelledby={nameId}
            aria-busy={busy}
            data-testid="source-offer"
            data-source={offer.id}
          >
            <h3 class="offer-name">
              <span id={nameId}>{offer.name}</span>{' '}
              <span class={`kind kind-${offer.kind}`}>
                {offer.kind === 'human' ? 'human-written' : 'machine-generated'}
              </span>
            </h3>
            {!compact && <p class="offer-what">{offer.what}</p>}
            <p
              class="offer-sends"
              data-testid="offer-sends"
              title={`Sends ${sendsText(offer.sends)}.`}
            >
              Sends <SendsParts sends={offer.sends} />.
            </p>
            <p class="offer-actions">
              <button
                type="button"
                class="button primary"
                disabled={pending !== null}
                onClick={() => onAskOnce(offer.id)}
                title={`Ask ${offer.name} about this paper only; it stays off`}
                data-testid="ask-once"
              >
                {busy ? 'Asking…' : 'Ask once'}
              </button>
              <button
                type="button"
                class="button"
                disabled={pending !== null}
                onClick={() => onAlwaysAsk(offer.id)}
                title={`Turn ${offer.name} on: ask it about every paper you open, as under Sources`}
                data-testid="always-ask"
              >
                Always ask
              </button>
            </p>
          </article>
        );
      })}
      {notice && (
        <p class="notice notice-error" role="alert" data-testid="offer-notice">
          {notice}
        </p>
      )}
    </section>
  );
}

/**
 * The "Sends …" sentence. The page's own words (a title) sit in a <bdi>, so
 * whatever direction they run in cannot reorder the sentence or the host
 * name after them, and are shortened so they cannot crowd it out.
 */
function SendsParts({ sends }: { sends: Sends }) {
  return (
    <>
      {sends.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <bdi key={i} class="page-text">
            {cutText(part.pageText, MAX_SENT_TEXT_CHARS)}
          </bdi>
        ),
      )}
    </>
  );
}
