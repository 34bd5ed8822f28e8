import { Component, type ComponentChildren } from 'preact';

interface CardBoundaryProps {
  /** The summary the card shows, to name it in the console. */
  summaryId: string;
  children: ComponentChildren;
}

/**
 * The last line behind the schema (utils/core/schema.ts): a card that throws
 * while rendering is replaced by a short note, so the other cards, the
 * source list and its "Asking …" lines keep rendering.
 */
export class CardBoundary extends Component<CardBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static override getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(`Sidenotes: the card of summary ${this.props.summaryId} failed`, error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <article class="card card-broken" data-testid="summary-card-failed">
        <p class="body body-error">This summary could not be shown.</p>
      </article>
    );
  }
}
