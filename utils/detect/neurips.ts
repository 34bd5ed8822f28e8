import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * NeurIPS (NIPS until 2018) proceedings: papers.nips.cc and its newer names
 * proceedings.neurips.cc, papers.neurips.cc and proceedings.nips.cc (same
 * paths), and the 2021 Datasets and Benchmarks track's own host.
 * - Since the 2020 redesign a paper is a 32-hex hash under its year:
 *   `/paper/<year>/hash/<hash>-Abstract.html` and the PDF at
 *   `/paper/<year>/file/<hash>-Paper.pdf`, both moved under `/paper_files/`
 *   in 2023, with a track suffix from 2021 on (`-Abstract-Conference.html`,
 *   `-Paper-Datasets_and_Benchmarks_Track.pdf`, `-round1`). Key:
 *   `neurips:<year>/<hash>`, the same for the abstract page and the PDF.
 * - Before 2020 the site numbered papers: `/paper/7181-attention-is-all-you-need`
 *   and its `.pdf`. Those links live on in citations (the site now redirects
 *   them). Key: `nips:7181`. It is a second numbering of the same papers, so
 *   it is a kind of its own: ids are compared only within a kind (keysAgree),
 *   and `neurips:2017/<hash>` must not look like it disagrees with `nips:7181`.
 * A paper's other files (supplement, author feedback, reviews, meta-review,
 * metadata, BibTeX) are named by its hash or number too: they resolve to
 * the paper, whose notes are what their reader wants. Year listings are
 * not a paper.
 *
 * Tested on:
 *   https://papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html → neurips:2017/3f5ee243547dee91fbd053c1c4a845aa
 *   https://papers.nips.cc/paper/2017/file/3f5ee243547dee91fbd053c1c4a845aa-Paper.pdf → neurips:2017/3f5ee243547dee91fbd053c1c4a845aa
 *   https://papers.nips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html → neurips:2017/3f5ee243547dee91fbd053c1c4a845aa
 *   https://proceedings.neurips.cc/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract.html → neurips:2020/1457c0d6bfcb4967418bfb8ac142f64a
 *   https://proceedings.neurips.cc/paper/2020/file/1457c0d6bfcb4967418bfb8ac142f64a-Paper.pdf → neurips:2020/1457c0d6bfcb4967418bfb8ac142f64a
 *   https://proceedings.neurips.cc/paper_files/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract.html → neurips:2020/1457c0d6bfcb4967418bfb8ac142f64a
 *   https://papers.nips.cc/paper_files/paper/2022/hash/4a9eaf6dff3fdac9ab1aaf4c0fe2d563-Abstract-Conference.html → neurips:2022/4a9eaf6dff3fdac9ab1aaf4c0fe2d563
 *   https://proceedings.neurips.cc/paper_files/paper/2022/file/4a9eaf6dff3fdac9ab1aaf4c0fe2d563-Paper-Conference.pdf → neurips:2022/4a9eaf6dff3fdac9ab1aaf4c0fe2d563
 *   https://proceedings.neurips.cc/paper_files/paper/2022/file/b3835dd49b7d5bb062aecccc14d8a675-Paper-Datasets_and_Benchmarks.pdf → neurips:2022/b3835dd49b7d5bb062aecccc14d8a675
 *   https://proceedings.neurips.cc/paper_files/paper/2024/file/97091a5177d8dc64b1da8bf3e1f6fb54-Paper-Datasets_and_Benchmarks_Track.pdf → neurips:2024/97091a5177d8dc64b1da8bf3e1f6fb54
 *   https://datasets-benchmarks-proceedings.neurips.cc/paper/2021/hash/c0c7c76d30bd3dcaefc96f40275bdc0a-Abstract-round1.html → neurips:2021/c0c7c76d30bd3dcaefc96f40275bdc0a
 *   https://datasets-benchmarks-proceedings.neurips.cc/paper_files/paper/2021/file/c0c7c76d30bd3dcaefc96f40275bdc0a-Paper-round1.pdf → neurips:2021/c0c7c76d30bd3dcaefc96f40275bdc0a
 *   https://papers.nips.cc/paper/7181-attention-is-all-you-need → nips:7181
 *   https://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf → nips:7181
 *   https://papers.nips.cc/paper/5346-sequence-to-sequence-learning-with-neural-networks.pdf → nips:5346
 *   https://papers.nips.cc/paper_files/paper/2017 → none
 *   https://papers.nips.cc/paper/2017 → none
 *   https://papers.neurips.cc/paper_files/paper/1987/hash/523f87e9d08e6071a3bbd150e6da40fb-Abstract.html → neurips:1987/523f87e9d08e6071a3bbd150e6da40fb
 *   https://papers.neurips.cc/paper_files/paper/1987/file/523f87e9d08e6071a3bbd150e6da40fb-Paper.pdf → neurips:1987/523f87e9d08e6071a3bbd150e6da40fb
 *   https://proceedings.nips.cc/paper_files/paper/1987/hash/523f87e9d08e6071a3bbd150e6da40fb-Abstract.html → neurips:1987/523f87e9d08e6071a3bbd150e6da40fb
 *   https://papers.nips.cc/paper_files/paper/2017/file/3f5ee243547dee91fbd053c1c4a845aa-Supplemental.zip → neurips:2017/3f5ee243547dee91fbd053c1c4a845aa
 *   https://papers.nips.cc/paper_files/paper/2017/file/3f5ee243547dee91fbd053c1c4a845aa-Reviews.html → neurips:2017/3f5ee243547dee91fbd053c1c4a845aa
 *   https://papers.nips.cc/paper_files/paper/2019/file/0234c510bc6d908b28c70ff313743079-AuthorFeedback.pdf → neurips:2019/0234c510bc6d908b28c70ff313743079
 *   https://papers.nips.cc/paper_files/paper/2019/file/0234c510bc6d908b28c70ff313743079-MetaReview.html → neurips:2019/0234c510bc6d908b28c70ff313743079
 *   https://papers.nips.cc/paper_files/paper/2019/file/0234c510bc6d908b28c70ff313743079-Metadata.json → neurips:2019/0234c510bc6d908b28c70ff313743079
 *   https://papers.nips.cc/paper_files/paper/2021/file/cba0a4ee5ccd02fda0fe3f9a3e7b89fe-Supplemental.pdf → neurips:2021/cba0a4ee5ccd02fda0fe3f9a3e7b89fe
 *   https://papers.nips.cc/paper/7181-attention-is-all-you-need-supplemental.zip → nips:7181
 *   https://papers.nips.cc/paper/7181-attention-is-all-you-need/bibtex → none
 *   https://papers.neurips.cc/ → none
 */

const HOST =
  /^(?:(?:papers|proceedings)\.(?:nips|neurips)\.cc|datasets-benchmarks-proceedings\.neurips\.cc)$/;

/**
 * `/paper/<year>/hash|file/<hash>-<Kind>[-<track>].<ext>`, optionally under
 * `/paper_files`: `-Abstract….html`, `-Paper….pdf` and the paper's other files.
 */
const BY_HASH =
  /^\/(?:paper_files\/)?paper\/(\d{4})\/(?:hash|file)\/([0-9a-f]{32})-[A-Za-z]+(?:-\w+)?\.[a-z]+$/i;

/** `/paper/<number>-<title-slug>` or its `.pdf` (the pre-2020 site), and its `-supplemental` files. */
const BY_NUMBER = /^\/paper\/(\d+)-[^/.]+(?:\.[a-z]+)?\/?$/i;

/** Detects a NeurIPS proceedings paper from its abstract page or PDF URL. */
export function matchNeuripsUrl(url: URL): UrlMatch | null {
  if (!HOST.test(url.hostname)) return null;
  const hashed = BY_HASH.exec(url.pathname);
  if (hashed?.[2]) return { keys: [`neurips:${hashed[1]}/${hashed[2].toLowerCase()}`] };
  const numbered = BY_NUMBER.exec(url.pathname);
  return numbered ? { keys: [`nips:${numbered[1]}`] } : null;
}
