import { aclListing } from './acl';
import { arxivListing } from './arxiv';
import { cvfListing } from './cvf';
import { huggingfaceListing } from './huggingface';
import { neuripsListing } from './neurips';
import { openreviewListing } from './openreview';
import { pmlrListing } from './pmlr';
import type { ListingSite } from './types';

export type { BadgePlace, ListingEntry, ListingSite, ListingTable } from './types';
export { MAX_ENTRIES, plainLinkUrl, readEntries, tableMatch } from './read';
export { keyOfListed, keysOf } from './keys';

/** Every listing-page reader (one file per site in this folder). */
export const LISTING_SITES: readonly ListingSite[] = [
  arxivListing,
  huggingfaceListing,
  aclListing,
  neuripsListing,
  pmlrListing,
  cvfListing,
  openreviewListing,
];

/** The site whose listing page this URL is, if any. */
export function listingSiteFor(href: string): ListingSite | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  return LISTING_SITES.find((site) => site.isListing(url)) ?? null;
}
