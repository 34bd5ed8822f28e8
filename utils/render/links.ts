/** A readable label for a canonical key: "arXiv 2007.12223", "DOI 10.…". */
export function keyLabel(key: string): string {
  const [kind, ...rest] = key.split(':');
  const value = rest.join(':');
  const names: Record<string, string> = {
    arxiv: 'arXiv',
    doi: 'DOI',
    openreview: 'OpenReview',
    acl: 'ACL Anthology',
    shortscience: 'ShortScience',
    neurips: 'NeurIPS',
    nips: 'NeurIPS paper',
    pmlr: 'PMLR',
    cvf: 'CVF',
    jmlr: 'JMLR',
    s2: 'Semantic Scholar',
    pmc: 'PubMed Central',
    pii: 'Elsevier PII',
    ieee: 'IEEE Xplore',
    inspire: 'INSPIRE',
    inspirefile: 'INSPIRE file',
  };
  return kind && names[kind] ? `${names[kind]} ${value}` : value;
}
