import { keysForDoi, parseDoi } from './doi';
import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * DOIs where publishers put them in URLs: the one place a URL becomes a DOI.
 * - The resolver (doi.org), which only redirects: its links, not its pages.
 * - `/doi/[abs|full|fullHtml|pdf|epdf|pdfdirect|reader/]<doi>` on any host:
 *   the Atypon platform's form (ACM, Wiley, ACS, PNAS, Science, and Taylor &
 *   Francis, SAGE, SIAM … alike).
 * - Publishers with paths of their own (BY_HOST below): Springer, bioRxiv
 *   and medRxiv (the version `vN` is no part of the DOI), Frontiers, IOP,
 *   APS, PLOS (`?id=<doi>`), and three whose DOI is made from the URL's id:
 *   Nature (`10.1038/<id>`), RSC (`10.1039/<ID>`), IJCAI from 2017
 *   (`10.24963/ijcai.<year>/<number>`).
 * A paper's PDF names the same DOI as its page. The DOI is held to the key
 * grammar and lower-cased by parseDoi (doi.ts), as every DOI key is; then
 * keysForDoi turns arXiv's own DOIs into the arXiv key. Not in URLs (their
 * pages' metadata has it): IEEE Xplore, ScienceDirect, PMC and INSPIRE,
 * whose URLs name their own ids (publisher-ids.ts).
 * The paper script runs by itself only on PAPER_SITES (sites.ts). On
 * publishers' pages this detector reads the URL where the reader let
 * Sidenotes look (a toolbar click, "Always on <host>", "every site":
 * utils/sources/recognise.ts), and serves links everywhere (index
 * building, imports, pasted URLs).
 *
 * Tested on:
 *   https://doi.org/10.18653/v1/2021.naacl-main.208 → acl:2021.naacl-main.208
 *   https://doi.org/10.48550/arXiv.2007.12223 → arxiv:2007.12223
 *   https://doi.org/10.48550/arXiv.hep-th/9901001 → arxiv:hep-th/9901001
 *   https://dx.doi.org/10.1093/MIND/LIX.236.433 → doi:10.1093/mind/lix.236.433
 *   https://dl.acm.org/doi/10.5555/3491440.3491756 → doi:10.5555/3491440.3491756
 *   https://dl.acm.org/doi/pdf/10.5555/3491440.3491756 → doi:10.5555/3491440.3491756
 *   https://dl.acm.org/doi/abs/10.1145/3292500.3330701 → doi:10.1145/3292500.3330701
 *   https://dl.acm.org/doi/fullHtml/10.1145/3292500.3330701 → doi:10.1145/3292500.3330701
 *   https://dl.acm.org/doi/epdf/10.1145/3292500.3330701 → doi:10.1145/3292500.3330701
 *   https://dl.acm.org/doi/10.48550/arXiv.1706.03762 → arxiv:1706.03762
 *   https://onlinelibrary.wiley.com/doi/abs/10.1002/acr2.11440 → doi:10.1002/acr2.11440
 *   https://onlinelibrary.wiley.com/doi/pdf/10.1002/acr2.11440 → doi:10.1002/acr2.11440
 *   https://pubs.acs.org/doi/10.1021/acs.jpca.9b00311 → doi:10.1021/acs.jpca.9b00311
 *   https://pubs.acs.org/doi/pdf/10.1021/acs.jpca.9b00311 → doi:10.1021/acs.jpca.9b00311
 *   https://www.pnas.org/doi/full/10.1073/pnas.2114679118 → doi:10.1073/pnas.2114679118
 *   https://www.pnas.org/doi/pdf/10.1073/pnas.2114679118 → doi:10.1073/pnas.2114679118
 *   https://science.org/doi/full/10.1126/scirobotics.abm6597 → doi:10.1126/scirobotics.abm6597
 *   https://www.science.org/doi/epdf/10.1126/scirobotics.abm6597 → doi:10.1126/scirobotics.abm6597
 *   https://www.science.org/doi/abs/10.1126/science.aaa8415 → doi:10.1126/science.aaa8415
 *   https://link.springer.com/article/10.1007/s41095-022-0271-y → doi:10.1007/s41095-022-0271-y
 *   https://link.springer.com/content/pdf/10.1007/s41095-022-0271-y.pdf → doi:10.1007/s41095-022-0271-y
 *   https://link.springer.com/chapter/10.1007/978-3-030-58452-8_13 → doi:10.1007/978-3-030-58452-8_13
 *   https://www.biorxiv.org/content/10.1101/2021.11.08.467690v2 → doi:10.1101/2021.11.08.467690
 *   https://www.biorxiv.org/content/10.1101/2021.11.08.467690v2.full.pdf → doi:10.1101/2021.11.08.467690
 *   https://www.biorxiv.org/content/10.1101/2021.11.08.467690v1.full → doi:10.1101/2021.11.08.467690
 *   https://www.medrxiv.org/content/10.1101/2020.03.19.20039131v2.abstract → doi:10.1101/2020.03.19.20039131
 *   https://www.frontiersin.org/articles/10.3389/fpace.2022.892330/full → doi:10.3389/fpace.2022.892330
 *   https://www.frontiersin.org/articles/10.3389/fpace.2022.892330/pdf → doi:10.3389/fpace.2022.892330
 *   https://iopscience.iop.org/article/10.1149/2.1051908jes → doi:10.1149/2.1051908jes
 *   https://iopscience.iop.org/article/10.1088/1742-6596/1234/1/012001/pdf → doi:10.1088/1742-6596/1234/1/012001
 *   https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.128.171101 → doi:10.1103/physrevlett.128.171101
 *   https://journals.aps.org/prl/pdf/10.1103/PhysRevLett.128.171101 → doi:10.1103/physrevlett.128.171101
 *   https://journals.plos.org/climate/article?id=10.1371/journal.pclm.0000068 → doi:10.1371/journal.pclm.0000068
 *   https://journals.plos.org/climate/article/file?id=10.1371/journal.pclm.0000068&type=printable → doi:10.1371/journal.pclm.0000068
 *   https://www.nature.com/articles/s41467-018-07210-0 → doi:10.1038/s41467-018-07210-0
 *   https://www.nature.com/articles/s41467-018-07210-0.pdf → doi:10.1038/s41467-018-07210-0
 *   https://www.nature.com/articles/nature14539 → doi:10.1038/nature14539
 *   https://pubs.rsc.org/en/content/articlelanding/2022/dd/d2dd00066k → doi:10.1039/d2dd00066k
 *   https://pubs.rsc.org/en/content/articlepdf/2022/dd/d2dd00066k → doi:10.1039/d2dd00066k
 *   https://www.ijcai.org/proceedings/2020/1 → doi:10.24963/ijcai.2020/1
 *   https://www.ijcai.org/proceedings/2020/0001.pdf → doi:10.24963/ijcai.2020/1
 *   https://doi.org/ → none
 *   https://dl.acm.org/doi/ → none
 *   https://dl.acm.org/toc/csur/2021/54/1 → none
 *   https://link.springer.com/journal/41095 → none
 *   https://www.biorxiv.org/content/early/recent → none
 *   https://www.nature.com/articles → none
 *   https://www.nature.com/nature/articles?type=article → none
 *   https://journals.plos.org/climate/search?q=doi → none
 *   https://pubs.rsc.org/en/journals/journalissues/dd → none
 *   https://www.ijcai.org/proceedings/2016/1 → none
 */

/** The part of a URL that holds a DOI, or the id a publisher makes its DOIs of. */
type Rule = (url: URL) => string | null | undefined;

/** The first group of `pattern` on the path, after `prefix`. */
const onPath =
  (pattern: RegExp, prefix = ''): Rule =>
  (url) => {
    const id = pattern.exec(url.pathname)?.[1];
    return id && prefix + id;
  };

const resolver: Rule = (url) => url.pathname.slice(1);
// Preprint DOIs are dated (`2021.11.08.467690`) since December 2019, six digits before.
const rxiv = onPath(
  /^\/content\/(10\.1101\/(?:\d{4}\.\d\d\.\d\d\.)?\d{6,8})(?:v\d+)?(?:\.(?:full(?:\.pdf|-text)?|abstract))?\/?$/,
);

/** Hosts (without `www.`) whose own paths name the DOI. */
const BY_HOST: Readonly<Record<string, Rule>> = {
  'doi.org': resolver,
  'dx.doi.org': resolver,
  'link.springer.com': onPath(/^\/(?:article|chapter|content\/pdf)\/(10\.[^/]+\/.+?)(?:\.pdf)?$/),
  'biorxiv.org': rxiv,
  'medrxiv.org': rxiv,
  'frontiersin.org': onPath(
    /^(?:\/journals\/[^/]+)?\/articles\/(10\.3389\/[^/]+)(?:\/(?:full|pdf|abstract))?\/?$/,
  ),
  // The DOI itself has slashes (`10.1088/1742-6596/1234/1/012001`): only known pages come off.
  'iopscience.iop.org': onPath(/^\/article\/(10\..+?)(?:\/(?:pdf|meta|ampdf))?\/?$/),
  'journals.aps.org': onPath(/^\/[a-z]+\/(?:abstract|pdf)\/(10\.1103\/.+)$/),
  'journals.plos.org': (url) =>
    /^\/[a-z]+\/article(?:\/file)?$/.test(url.pathname) ? url.searchParams.get('id') : null,
  'nature.com': onPath(/^\/articles\/([a-z]+[0-9][a-z0-9-]*?)(?:\.pdf)?\/?$/, '10.1038/'),
  // `10.1039/D2DD00066K` as RSC writes it; lower case in the key, as every DOI key is.
  'pubs.rsc.org': onPath(
    /^\/[a-z]{2}\/content\/article(?:landing|pdf|html)\/\d{4}\/[a-z]+\/([a-z0-9]+)\/?$/i,
    '10.1039/',
  ),
  // IJCAI numbers its papers per year and registers them as DOIs from 2017 on.
  'ijcai.org': (url) => {
    const [, year, n] = /^\/proceedings\/(\d{4})\/(\d+)(?:\.pdf)?\/?$/i.exec(url.pathname) ?? [];
    return Number(year) >= 2017 && Number(n) > 0 ? `10.24963/ijcai.${year}/${Number(n)}` : null;
  },
};

/** The Atypon platform's article paths, on any host (the DOI's slash may come percent-encoded). */
const ATYPON =
  /^\/doi\/(?:(?:abs|full|fullHtml|pdf|epdf|pdfdirect|reader)\/)?(10\.\d{4,9}(?:\/|%2F).+)$/i;

/** The DOI a URL names, lower-cased and held to the key grammar; null if it names none. */
export function doiFromUrl(url: URL): string | null {
  const host = url.hostname.replace(/^www\./, '');
  // Own keys only: a host named `constructor` (an intranet's) is no rule.
  const rule = Object.hasOwn(BY_HOST, host) ? BY_HOST[host] : undefined;
  const raw = rule ? rule(url) : ATYPON.exec(url.pathname)?.[1];
  return raw ? parseDoi(raw) : null;
}

/** Detects a paper from a DOI resolver link or a publisher's page or PDF URL. */
export function matchDoiUrl(url: URL): UrlMatch | null {
  const doi = doiFromUrl(url);
  return doi ? { keys: keysForDoi(doi) } : null;
}
