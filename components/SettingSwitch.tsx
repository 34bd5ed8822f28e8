/**
 * An options page switch. It moves only once its setting is saved: turning
 * one on may ask the browser for a permission, which the user can refuse.
 */
export function SettingSwitch({
  on,
  disabled,
  labelledBy,
  testId,
  onToggle,
}: {
  on: boolean;
  disabled?: boolean;
  labelledBy: string;
  testId: string;
  onToggle: (on: boolean) => void;
}) {
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        aria-checked={on}
        disabled={disabled}
        aria-labelledby={labelledBy}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const wanted = input.checked;
          input.checked = on;
          onToggle(wanted);
        }}
        data-testid={testId}
      />
      <span class="switch-state" aria-hidden="true">
        {on ? 'On' : 'Off'}
      </span>
    </label>
  );
}
