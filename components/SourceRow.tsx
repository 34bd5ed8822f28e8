import type { ComponentChildren } from 'preact';
import type { SourceDescription } from '@/utils/sources/catalog';

/** One source on the options page: what it is, what it sends and to whom, and its switch. */
export function SourceRow({
  source,
  on,
  disabled,
  onToggle,
  children,
}: {
  source: SourceDescription;
  on: boolean;
  disabled: boolean;
  onToggle: (on: boolean) => void;
  children?: ComponentChildren;
}) {
  const labelId = `source-${source.id}`;
  return (
    <article class="source-row" data-testid="source-row" data-source={source.id}>
      <div class="source-text">
        <h3 id={labelId} class="source-name">
          {source.name}{' '}
          <span class={`kind kind-${source.kind}`}>
            {source.kind === 'human' ? 'human-written' : 'machine-generated'}
          </span>
        </h3>
        <p class="source-what">{source.what}</p>
        <p class="source-sends">
          <strong>Sends:</strong> {source.sends}.
        </p>
        {children}
      </div>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          disabled={disabled}
          aria-labelledby={labelId}
          onChange={(e) => {
            // The switch moves when the setting is saved (permission may be refused).
            const input = e.target as HTMLInputElement;
            const wanted = input.checked;
            input.checked = on;
            onToggle(wanted);
          }}
          data-testid={`source-toggle-${source.id}`}
        />
        <span class="switch-state" aria-hidden="true">
          {on ? 'On' : 'Off'}
        </span>
      </label>
    </article>
  );
}
