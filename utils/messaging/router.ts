import { fail, type Result } from '@/utils/core/result';

/** What the router knows of a sender (a subset of runtime.MessageSender). */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; windowId?: number };
}

/** What a message of map `M` carries, and what it answers. */
export type RequestOf<M, K extends keyof M> = M[K] extends { request: infer Q } ? Q : never;
export type ResponseOf<M, K extends keyof M> = M[K] extends { response: infer R } ? R : never;

/**
 * Each message's payload check, carried by its message map: the payload as
 * the map types it (rebuilt where it comes from outside), or undefined when
 * it is not one, which the router answers with `malformed` as a bad request.
 * The checks are of shape and size; what depends on the sender or on state
 * (a page speaks for its own address, a source is known) stays in the handler.
 */
export type Payloads<M> = {
  [K in keyof M]: { parse: (payload: unknown) => RequestOf<M, K> | undefined; malformed: string };
};

/** One handler per message of a direction: gets its payload checked and typed, answers a Result. */
export type Handlers<M> = {
  [K in keyof M]: (payload: RequestOf<M, K>, sender: Sender) => Promise<Result<ResponseOf<M, K>>>;
};

type AnyHandler = (payload: unknown, sender: Sender) => Promise<Result<unknown>>;

/**
 * A direction's handlers behind its map's payload checks: what the router
 * runs, and what tests call to reach a handler as a sender would.
 */
export function checked<M, K extends keyof M & string>(
  payloads: Payloads<M>,
  handlers: Pick<Handlers<M>, K>,
): Record<K, AnyHandler> {
  const out = {} as Record<K, AnyHandler>;
  for (const type of Object.keys(handlers) as K[]) {
    const { parse, malformed } = payloads[type];
    const handle = handlers[type];
    out[type] = async (payload, sender) => {
      const value = parse(payload);
      return value === undefined ? fail('bad-request', malformed) : handle(value, sender);
    };
  }
  return out;
}

/** One direction: who may send, and what each of its messages does (payloads checked first). */
export interface Direction {
  name: string;
  accepts(sender: Sender): boolean;
  handlers: Readonly<Record<string, AnyHandler>>;
}

/** Senders as the extension sees them: its id and the origin of its own pages. */
export interface Self {
  id: string;
  /** `chrome-extension://<id>/` */
  origin: string;
}

/** The detection content script: a tab's top frame, on a web page (not one of ours). */
export const isPageSender = (self: Self, sender: Sender): boolean =>
  sender.id === self.id &&
  sender.tab?.id !== undefined &&
  sender.frameId === 0 &&
  !(sender.url ?? '').startsWith(self.origin);

/** An extension page: the sidebar frame, side panel, popup, library or options page. */
export const isViewSender = (self: Self, sender: Sender): boolean =>
  sender.id === self.id && (sender.url ?? '').startsWith(self.origin);

/**
 * One listener for every direction. A message is handled only by the
 * direction whose sender rule accepts the sender, and only if that direction
 * lists it: a page cannot call a view's message even if it knows the name.
 */
export function createRouter(
  directions: readonly Direction[],
  onError: (type: string, error: unknown) => Result<never>,
) {
  return (message: unknown, sender: Sender): Promise<Result<unknown>> | undefined => {
    const { type, payload } = (message ?? {}) as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string') return undefined;
    const known = directions.filter((d) => Object.hasOwn(d.handlers, type));
    if (!known.length) return undefined;
    const direction = known.find((d) => d.accepts(sender));
    if (!direction)
      return Promise.resolve(fail('bad-request', `${type} may not be sent from here.`));
    return direction.handlers[type]!(payload, sender).catch((error: unknown) =>
      onError(type, error),
    );
  };
}
