import type { PaperRef } from '@/utils/core/paper-ref';
import type { Summary } from '@/utils/core/summary';
import type {
  SourceAnswer,
  SourceOffer,
  SourcePlan,
  SourceProgress,
  TabState,
} from '@/utils/core/tab-state';
import { mergeSummaries } from './merge';

/** What is known without asking anyone: the user's own summaries, the bundled index, the kept feed. */
export interface LocalAnswer {
  /** Lists in the order they rank when two hold the same summary. */
  lists: Summary[][];
  errors: TabState['errors'];
}

export interface PaperStateDeps {
  lookupLocal(ref: PaperRef): Promise<LocalAnswer>;
  /** The remote sources turned on (and permitted) that can answer for this paper. */
  plan(ref: PaperRef): Promise<SourcePlan[]>;
  /** The live sources that could answer for this paper but are not asked. */
  offers(ref: PaperRef): Promise<SourceOffer[]>;
  /** `once`: the user's "Ask once" of a source that is off (never remembered). */
  ask(ref: PaperRef, sourceId: string, force: boolean, once: boolean): Promise<SourceAnswer>;
  store: TabStore;
  /** After every change: badge, the page's count, the views that follow the tab. */
  onChange(state: TabState, previous: TabState | undefined): void;
}

/** A tab's state with what is needed to extend it: kept in storage.session across worker stops. */
export interface StoredTab {
  state: TabState;
  /** The page view it belongs to (also in `state`, for the views). */
  view: string;
  /** The keys already looked up locally. */
  keys: string[];
  local: Summary[][];
  /** Whether this page view counted against the tab's limit, and was let ask (or not). */
  asking?: 'allowed' | 'refused';
}

/**
 * A page that rewrites its URL again and again (a hostile or runaway
 * single-page app) must not turn into requests to the user's sources: a tab
 * gets remote sources asked for at most this many page views a minute; the
 * rest show a note with Retry, which the user can press.
 */
export const MAX_ASKING_VIEWS_PER_MINUTE = 5;

export interface TabStore {
  read(tabId: number): Promise<StoredTab | undefined>;
  write(tab: StoredTab): Promise<void>;
  remove(tabId: number): Promise<void>;
}

/**
 * The one place a tab's paper is resolved: once per page view, local
 * results at once, each remote source asked once and merged in as it
 * answers. Everything is written through to the store, so a worker that
 * Chrome stopped mid-stream picks the tab up where it was and asks again
 * only the sources whose answers it never received.
 */
export class PaperStates {
  /** Counted for tests and the bench: look-ups (page views resolved) and source asks. */
  readonly stats = { lookups: 0, asks: 0 };
  private readonly tabs = new Map<number, StoredTab>();
  private readonly queues = new Map<number, Promise<unknown>>();
  private readonly asking = new Set<string>();
  /** When each tab's recent page views asked remote sources (epoch ms). */
  private readonly askedAt = new Map<number, number[]>();

  constructor(
    private readonly deps: PaperStateDeps,
    private readonly now: () => number = Date.now,
  ) {}

  /** A page named its paper; answers the local count. */
  detected(tabId: number, ref: PaperRef, view: string): Promise<number> {
    return this.serial(tabId, async () => {
      const current = await this.read(tabId);
      const same = current && current.view === view && current.state.paper?.keys[0] === ref.keys[0];
      return same ? this.extend(current, ref) : this.resolve(tabId, ref, view);
    });
  }

  /** The tab's state, resuming sources whose answers a stopped worker never received. */
  async get(tabId: number): Promise<TabState | undefined> {
    const tab = await this.serial(tabId, () => this.read(tabId));
    if (!tab?.state.paper) return tab?.state;
    for (const source of tab.state.sources) {
      if (source.status === 'asking' && !this.asking.has(askKey(tab, source.id)))
        this.askSource(tab, source.id, false, source.once === true);
    }
    return tab.state;
  }

  /** The user's Retry: ask one source again, past its cached answer. */
  retry(tabId: number, sourceId: string): Promise<boolean> {
    return this.serial(tabId, async () => {
      const tab = await this.read(tabId);
      const source = tab?.state.sources.find((s) => s.id === sourceId);
      if (!tab || !source) return false;
      await this.commit(tab, {
        sources: tab.state.sources.map((s) => (s.id === sourceId ? asking(s) : s)),
      });
      this.askSource(tab, sourceId, true, source.once === true);
      return true;
    });
  }

  /**
   * The user's "Ask once": one offered source asked for this page view only.
   * It leaves the offers for the list of sources asked, marked `once`, so a
   * worker stopped mid-ask resumes it the same way; another page view (even
   * of the same paper) offers it again and asks nothing by itself.
   */
  askOnce(tabId: number, sourceId: string): Promise<boolean> {
    return this.serial(tabId, async () => {
      const tab = await this.read(tabId);
      const offer = tab?.state.offers.find((o) => o.id === sourceId);
      if (!tab?.state.paper || !offer) return false;
      await this.commit(tab, {
        offers: tab.state.offers.filter((o) => o.id !== sourceId),
        sources: [
          ...tab.state.sources,
          { id: offer.id, name: offer.name, once: true, origins: offer.origins, status: 'asking' },
        ],
      });
      this.askSource(tab, sourceId, false, true);
      return true;
    });
  }

  /**
   * The settings changed for this tab's sake ("Always ask" turned a source
   * on): plan again, and ask the sources that are newly planned.
   */
  replan(tabId: number): Promise<boolean> {
    return this.serial(tabId, async () => {
      const tab = await this.read(tabId);
      if (!tab?.state.paper) return false;
      const paper = tab.state.paper;
      const [plan, offers] = await Promise.all([this.deps.plan(paper), this.deps.offers(paper)]);
      await this.addSources(tab, plan, offers, {}, false);
      return true;
    });
  }

  /** Local data changed (the library): look the tabs this worker holds up again, locally only. */
  async refreshLocal(): Promise<void> {
    await Promise.all(
      [...this.tabs.keys()].map((tabId) =>
        this.serial(tabId, async () => {
          const tab = this.tabs.get(tabId);
          if (!tab?.state.paper) return;
          const local = await this.deps.lookupLocal({ ...tab.state.paper, keys: tab.keys });
          tab.local = local.lists;
          await this.commit(tab, { errors: local.errors });
        }),
      ),
    );
  }

  forget(tabId: number): Promise<void> {
    return this.serial(tabId, async () => {
      this.tabs.delete(tabId);
      this.askedAt.delete(tabId);
      await this.deps.store.remove(tabId);
    });
  }

  private async resolve(tabId: number, ref: PaperRef, view: string): Promise<number> {
    this.stats.lookups++;
    const [local, plan, offers] = await Promise.all([
      this.deps.lookupLocal(ref),
      this.deps.plan(ref),
      this.deps.offers(ref),
    ]);
    const tab: StoredTab = {
      view,
      keys: [...ref.keys],
      local: local.lists,
      state: {
        tabId,
        revision: this.tabs.get(tabId)?.state.revision ?? 0,
        view,
        paper: ref,
        summaries: [],
        via: {},
        errors: local.errors,
        sources: plan.map(asking),
        offers: offers.filter((o) => !plan.some((p) => p.id === o.id)),
      },
    };
    const previous = this.tabs.get(tabId)?.state;
    this.tabs.set(tabId, tab);
    if (plan.length && !this.mayAsk(tab)) {
      tab.state.sources = plan.map(notAsked);
      await this.commit(tab, {}, previous);
      return tab.state.summaries.length;
    }
    await this.commit(tab, {}, previous);
    for (const { id } of plan) this.askSource(tab, id, false, false);
    return tab.state.summaries.length;
  }

  /**
   * Whether this page view may ask remote sources by itself: each view
   * counts once against the tab's limit, when it first has a source to ask
   * (at its URL, or when its metadata names the title).
   */
  private mayAsk(tab: StoredTab): boolean {
    if (tab.asking) return tab.asking === 'allowed';
    const tabId = tab.state.tabId;
    const now = this.now();
    const recent = (this.askedAt.get(tabId) ?? []).filter((t) => now - t < 60_000);
    const allowed = recent.length < MAX_ASKING_VIEWS_PER_MINUTE;
    if (allowed) this.askedAt.set(tabId, [...recent, now]);
    tab.asking = allowed ? 'allowed' : 'refused';
    return allowed;
  }

  /**
   * The same page view with more keys or a title (its metadata): look up
   * only what is new locally, and ask the sources that have become able to
   * answer (OpenReview by title, once the title is known).
   */
  private async extend(tab: StoredTab, ref: PaperRef): Promise<number> {
    const paper = { ...tab.state.paper, ...ref, keys: [...new Set([...tab.keys, ...ref.keys])] };
    const newKeys = ref.keys.filter((k) => !tab.keys.includes(k));
    const known = tab.state.paper;
    const moreToAsk =
      (ref.title !== undefined && ref.title !== known?.title) ||
      (ref.authors !== undefined && String(ref.authors) !== String(known?.authors));
    if (!newKeys.length && !moreToAsk) {
      await this.commit(tab, { paper });
      return tab.state.summaries.length;
    }
    const [local, plan, offers] = await Promise.all([
      newKeys.length
        ? this.deps.lookupLocal({ ...paper, keys: newKeys })
        : Promise.resolve<LocalAnswer>({ lists: [], errors: [] }),
      this.deps.plan(paper),
      this.deps.offers(paper),
    ]);
    tab.keys = paper.keys;
    tab.local = tab.local.map((list, i) => [...list, ...(local.lists[i] ?? [])]);
    await this.addSources(
      tab,
      plan,
      offers,
      { paper, errors: [...tab.state.errors, ...local.errors] },
      true,
    );
    return tab.state.summaries.length;
  }

  /**
   * Adds the planned sources not asked yet and asks them (unless `limited`
   * and the page view may not: the page's own doing, not the user's click);
   * offers what is left.
   */
  private async addSources(
    tab: StoredTab,
    plan: SourcePlan[],
    offers: SourceOffer[],
    change: Partial<TabState>,
    limited: boolean,
  ): Promise<void> {
    const added = plan.filter((p) => !tab.state.sources.some((s) => s.id === p.id));
    const ask = !added.length || !limited || this.mayAsk(tab);
    const sources = [...tab.state.sources, ...added.map(ask ? asking : notAsked)];
    await this.commit(tab, {
      ...change,
      sources,
      offers: offers.filter((o) => !sources.some((s) => s.id === o.id)),
    });
    if (ask) for (const { id } of added) this.askSource(tab, id, false, false);
  }

  private askSource(tab: StoredTab, sourceId: string, force: boolean, once: boolean): void {
    const key = askKey(tab, sourceId);
    this.asking.add(key);
    this.stats.asks++;
    const tabId = tab.state.tabId;
    const ref = tab.state.paper!;
    void this.deps
      .ask(ref, sourceId, force, once)
      .catch((error: unknown): SourceAnswer => ({
        id: sourceId,
        name: sourceId,
        summaries: [],
        note: error instanceof Error ? error.message : String(error),
        failed: true,
      }))
      .then((answer) =>
        this.serial(tabId, async () => {
          this.asking.delete(key);
          const now = await this.read(tabId);
          // The tab moved on to another page view: this answer is not for it.
          if (!now || now.view !== tab.view) return;
          await this.commit(now, {
            sources: now.state.sources.map((s): SourceProgress =>
              s.id === sourceId ? { ...asking(s), status: 'answered', answer } : s,
            ),
          });
        }),
      )
      .catch((error: unknown) => console.error('Sidenotes: could not record an answer', error));
  }

  /** Applies a change, recomposes the summaries (the one merge), stores and announces it. */
  private async commit(
    tab: StoredTab,
    change: Partial<TabState>,
    previous: TabState | undefined = tab.state,
  ): Promise<void> {
    const next: TabState = { ...tab.state, ...change };
    const answers = next.sources.flatMap((s) => (s.status === 'answered' ? [s.answer] : []));
    const via: Record<string, string> = {};
    for (const answer of answers) {
      // Remote indexes carry others' summaries: say which index brought each.
      if (answer.id.startsWith('index:')) for (const s of answer.summaries) via[s.id] = answer.name;
    }
    next.summaries = mergeSummaries(...tab.local, ...answers.map((a) => a.summaries));
    next.via = via;
    next.revision = tab.state.revision + 1;
    tab.state = next;
    this.tabs.set(next.tabId, tab);
    this.deps.onChange(next, previous);
    await this.deps.store.write(tab).catch((error: unknown) =>
      // storage.session full: the state lives on in memory; a stopped worker will look up again.
      console.warn('Sidenotes: could not keep the tab state', error),
    );
  }

  private async read(tabId: number): Promise<StoredTab | undefined> {
    const known = this.tabs.get(tabId);
    if (known) return known;
    const stored = await this.deps.store.read(tabId);
    if (stored) this.tabs.set(tabId, stored);
    return stored;
  }

  /** One change at a time per tab: a page's two detections and the sources' answers interleave safely. */
  private serial<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(tabId) ?? Promise.resolve()).then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(tabId, settled);
    void settled.then(() => {
      if (this.queues.get(tabId) === settled) this.queues.delete(tabId);
    });
    return run;
  }
}

const askKey = (tab: StoredTab, sourceId: string) => `${tab.state.tabId}\n${tab.view}\n${sourceId}`;

/** A source the page view may not ask (it changed papers too often): Retry is the user's. */
const notAsked = ({ id, name }: SourcePlan): SourceProgress => {
  const note = `Not asked: this page changed papers more than ${MAX_ASKING_VIEWS_PER_MINUTE} times in a minute.`;
  return { id, name, status: 'answered', answer: { id, name, summaries: [], note, failed: true } };
};

/** A source as being asked (again). */
const asking = ({ id, name, once, origins }: SourcePlan): SourceProgress => ({
  id,
  name,
  ...(once ? { once, ...(origins ? { origins } : {}) } : {}),
  status: 'asking',
});
