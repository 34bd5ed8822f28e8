import { SCHEMA_LIMITS } from '@/utils/core/schema';
import type { TabState } from '@/utils/core/tab-state';

/**
 * Views subscribe to a tab's paper state over one port each: they name what
 * they follow once, then the worker pushes the whole state on every change.
 * When the worker stops, the port closes and the view connects again; the
 * state survives in storage.session.
 */
export const TAB_STATE_PORT = 'tab-state';

/**
 * What a view follows: its own tab (the in-page sidebar, for one page view
 * of it) or a window's active tab (popup, side panel).
 */
export type TabSubscription = { tab: 'self'; view: string } | { window: number | 'last-focused' };

/** Worker → view, on that port. */
export interface TabStatePush {
  type: 'tab-state';
  state: TabState;
}

export function isTabSubscription(value: unknown): value is TabSubscription {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if ('tab' in v)
    return (
      v.tab === 'self' && typeof v.view === 'string' && v.view.length <= SCHEMA_LIMITS.viewNameChars
    );
  return (
    v.window === 'last-focused' || (typeof v.window === 'number' && Number.isInteger(v.window))
  );
}
