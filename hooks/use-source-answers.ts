import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/guards';
import { sendToBackground } from '@/utils/messaging/client';
import type { SidebarState } from '@/utils/messaging/protocol';
import type { SourceAnswer } from '@/utils/sources/ask-source';
import { mergeSummaries } from '@/utils/lookup/merge';
import type { Summary } from '@/utils/core/summary';

/** A remote source as the sidebar shows it: still asking, or what it answered. */
export type SourceProgress = { id: string; name: string } & (
  { status: 'asking' } | { status: 'answered'; answer: SourceAnswer }
);

export interface SourceAnswers {
  progress: SourceProgress[];
  retry(id: string): void;
}

/**
 * Asks each remote source the worker planned for this paper, in parallel:
 * each answer shows as it arrives, so a slow one never holds back the others.
 */
export function useSourceAnswers(state: SidebarState): SourceAnswers {
  const keys = state.paper?.keys;
  const planKey = `${keys?.join('\n')}|${state.sources.map((s) => s.id).join('\n')}`;
  const [progress, setProgress] = useState<SourceProgress[]>([]);

  const ask = (id: string, name: string, force: boolean, isCurrent: () => boolean) => {
    if (!keys) return;
    const settle = (answer: SourceAnswer) => {
      if (!isCurrent()) return;
      setProgress((all) =>
        all.map((p) => (p.id === id ? { id, name, status: 'answered', answer } : p)),
      );
    };
    sendToBackground('view:ask-source', { keys, sourceId: id, ...(force ? { force } : {}) }).then(
      settle,
      (error: unknown) =>
        settle({ id, name, summaries: [], note: errorMessage(error), failed: true }),
    );
  };

  useEffect(() => {
    let current = true;
    setProgress(state.sources.map(({ id, name }) => ({ id, name, status: 'asking' })));
    for (const { id, name } of state.sources) ask(id, name, false, () => current);
    return () => {
      current = false;
    };
  }, [planKey]);

  return {
    progress,
    retry(id) {
      const source = state.sources.find((s) => s.id === id);
      if (!source) return;
      setProgress((all) =>
        all.map((p) => (p.id === id ? { id, name: source.name, status: 'asking' } : p)),
      );
      ask(id, source.name, true, () => true);
    },
  };
}

export interface PaperSummaries extends SourceAnswers {
  /** Local and remote summaries, each once, best first. */
  summaries: Summary[];
  /** Summary id → the remote index it came through. */
  via: ReadonlyMap<string, string>;
}

/** A paper's summaries: the local ones at once, each remote source's merged in as it answers. */
export function usePaperSummaries(state: SidebarState): PaperSummaries {
  const { progress, retry } = useSourceAnswers(state);
  const merged = useMemo(() => {
    const answers = progress.flatMap((p) => (p.status === 'answered' ? [p.answer] : []));
    const via = new Map<string, string>();
    for (const answer of answers) {
      // Remote indexes carry others' summaries: say which index brought each.
      if (answer.id.startsWith('index:'))
        for (const s of answer.summaries) via.set(s.id, answer.name);
    }
    return {
      summaries: mergeSummaries(state.summaries, ...answers.map((a) => a.summaries)),
      via,
    };
  }, [state.summaries, progress]);
  return { ...merged, progress, retry };
}
