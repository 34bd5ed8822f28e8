import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { listingSiteFor } from '@/utils/detect/listing';
import { ListingBadges } from '@/utils/page/listing-badges';
import { markListingPage } from '@/utils/page/listing-page';
import { watchUrl } from '@/utils/page/watch-url';

/**
 * Badges on listing pages (an arXiv list, a proceedings volume, Hugging
 * Face's daily papers), drawn by utils/page/listing-badges.ts. Registered
 * in wxt.config.ts from document_start, apart from the paper pages'
 * script, with its own size budget. This file only follows the page from
 * one list to the next.
 */
export default defineUnlistedScript(() => {
  let badges: ListingBadges | undefined;
  const follow = () => {
    const site = listingSiteFor(location.href);
    markListingPage(Boolean(site));
    if (site === badges?.site) return badges?.moved();
    badges?.stop();
    badges = site ? new ListingBadges(site) : undefined;
  };
  follow();
  // Single-page sites (OpenReview, Hugging Face) reach and leave lists without a page load.
  watchUrl(follow);
});
