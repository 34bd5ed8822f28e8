import { fieldsOf } from '@/utils/core/guards';

/** Messages the worker sends a tab's detection content script (top frame only). */
export interface WorkerToPage {
  /** Show or hide the sidebar (keyboard command). */
  'tab:toggle-sidebar': { request: Record<string, never>; response: null };
  'tab:collapse-sidebar': { request: Record<string, never>; response: null };
  /** A listing page's badge was activated: show that paper's sidebar, open, for this page view. */
  'tab:show-paper': { request: { paperKey: string; count: number; view: string }; response: null };
  /** arXiv's API answered (an option): the PDF tab's name. */
  'tab:set-title': { request: { paperKey: string; title: string }; response: null };
  /** Remote sources answered: the paper has this many summaries in all. */
  'tab:set-count': { request: { paperKey: string; count: number }; response: null };
}

/** What the page does with each message, its payload checked and typed. */
export type PageHandlers = {
  [K in keyof WorkerToPage]: (payload: WorkerToPage[K]['request']) => void;
};

/**
 * Each message's payload check, as router.ts's maps carry theirs, kept to
 * its fields' types (it ships in the paper pages' script, within its size
 * budget): a sample payload of each, which one sent must match field by
 * field in type. What depends on the page (a count's range) stays in the
 * handler.
 */
const SAMPLES: { [K in keyof WorkerToPage]: WorkerToPage[K]['request'] } = {
  'tab:toggle-sidebar': {},
  'tab:collapse-sidebar': {},
  'tab:show-paper': { paperKey: '', count: 0, view: '' },
  'tab:set-title': { paperKey: '', title: '' },
  'tab:set-count': { paperKey: '', count: 0 },
};

/**
 * The page's side of the worker's messages: a known message whose payload
 * has its fields goes to its handler, and the caller answers it; false for
 * anything else (not answered).
 */
export function dispatchToPage(handlers: PageHandlers, message: unknown): boolean {
  const { type, payload } = fieldsOf(message) as { type: keyof WorkerToPage; payload?: unknown };
  const value = fieldsOf(payload);
  // hasOwn takes any type as a property key (none: "undefined"), as the lookups below do.
  const known =
    Object.hasOwn(SAMPLES, type) &&
    Object.entries(SAMPLES[type]).every(([field, sample]) => typeof value[field] === typeof sample);
  if (!known) return false;
  (handlers[type] as (payload: unknown) => void)(value);
  return true;
}
