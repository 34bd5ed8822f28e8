import { arxivListPage, freshArxivIds, SEED, type ListedPaper } from './pages';

/**
 * The arXiv list of 2,000 papers both browsers' listing tests load: four
 * papers the bundled index summarizes, placed among 1,996 it does not, and
 * fake entries that name summarized papers in their text only.
 */
export const LIST = 'https://arxiv.org/list/cs.LG/recent?skip=0&show=2000';

/** Papers the bundled index summarizes, placed among 1,996 it does not. */
export const SUMMARIZED: ListedPaper[] = [
  { id: SEED.arxivId, title: SEED.title, authors: SEED.authors },
  {
    id: '1512.03385',
    title: 'Deep Residual Learning for Image Recognition',
    authors: ['Kaiming He'],
  },
  { id: '1406.2661', title: 'Generative Adversarial Networks', authors: ['Ian J. Goodfellow'] },
  { id: '1606.03657', title: 'InfoGAN', authors: ['Xi Chen'] },
];

export const LISTED: ListedPaper[] = freshArxivIds(1996).map((id, i) => ({
  id,
  title: `A Study of Sparse Training Number ${i}`,
  authors: ['A. Author', 'B. Author'],
}));
LISTED.unshift(SUMMARIZED[0]!);
LISTED.splice(500, 0, SUMMARIZED[1]!);
LISTED.splice(1000, 0, SUMMARIZED[2]!);
LISTED.push(SUMMARIZED[3]!);

/** Injected fake entries: they name summarized papers in their text only. */
export const FAKES = `
<dl id='fakes'>
  <dt><a name='item9001'>[9001]</a> arXiv:1512.03385 <a href="https://evil.example/abs/1406.2661" title="Abstract">abs</a></dt>
  <dd><div class='list-title'>Deep Residual Learning (see arXiv:2007.12223)</div>
      <div class='list-comments'>Compare <a href="/abs/1606.03657">1606.03657</a></div></dd>
</dl>`;

/** The list page, with its fake entries (`bench`: with the page's first-frame mark). */
export const listPage = (bench = false): string => arxivListPage(LISTED, FAKES, bench);

/** What a badge says of a listed paper with `human` summaries (its accessible name). */
export const badgeName = (paper: ListedPaper, human: number): string =>
  `${human} summar${human === 1 ? 'y' : 'ies'} of ${paper.title}`;
