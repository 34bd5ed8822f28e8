import { useMemo } from 'preact/hooks';
import type { SidebarState } from '@/utils/messaging/protocol';
import { mergeSummaries } from '@/utils/sources/merge';
import { SidebarView } from './SidebarView';
import { usePaperLibrary } from './use-paper-library';
import { useSourceAnswers } from './use-source-answers';

/**
 * SidebarView joined to the user's library and to remote sources (in-page
 * sidebar and side panel): local summaries at once, remote ones merged in as
 * each source answers.
 */
export function PaperSidebar({ state, images }: { state: SidebarState; images: boolean }) {
  const { progress, retry } = useSourceAnswers(state);
  const { summaries, via } = useMemo(() => {
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
  const library = usePaperLibrary(state.paper, summaries);
  return (
    <SidebarView
      {...state}
      summaries={summaries}
      via={via}
      sources={progress}
      onRetry={retry}
      images={images}
      library={library}
    />
  );
}
