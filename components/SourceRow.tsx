import type { ComponentChildren } from 'preact';
import type { SourceDescription } from '@/utils/sources/catalog';
import { SettingSwitch } from './SettingSwitch';

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
      <SettingSwitch
        on={on}
        disabled={disabled}
        labelledBy={labelId}
        testId={`source-toggle-${source.id}`}
        onToggle={onToggle}
      />
    </article>
  );
}
