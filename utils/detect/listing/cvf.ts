import { linkUrl, textOf } from './read';
import type { ListingSite } from './types';

/*
 * CVF open access conference pages (`/CVPR2023?day=all`, the older
 * `/CVPR2019.py`, workshop pages `/CVPR2022_workshops/<workshop>`): a `<dl>`
 * whose `<dt class="ptitle">` holds the link to the paper's abstract page
 * (`/content/CVPR2023/html/…_paper.html`); the `<dd>`s after it hold the
 * authors and pdf/supp/arXiv links. The key comes from the title link only.
 *
 * Listing pages tested:
 *   https://openaccess.thecvf.com/CVPR2023?day=all
 *   https://openaccess.thecvf.com/ICCV2021?day=2021-10-12
 *   https://openaccess.thecvf.com/CVPR2019.py
 *   https://openaccess.thecvf.com/WACV2024
 *   https://openaccess.thecvf.com/CVPR2022_workshops/WAD
 * Not listing pages: https://openaccess.thecvf.com/menu, https://openaccess.thecvf.com/content/CVPR2021/html/Wu_Greedy_Hierarchical_Variational_Autoencoders_for_Large-Scale_Video_Prediction_CVPR_2021_paper.html
 */
const LISTING = /^\/(?:CVPR|ICCV|WACV|ECCV|ACCV)\d{4}(?:\.py|_workshops\/(?!menu)[\w-]+)?\/?$/i;

export const cvfListing: ListingSite = {
  id: 'cvf',
  isListing: (url) => url.hostname === 'openaccess.thecvf.com' && LISTING.test(url.pathname),
  links: 'dt.ptitle > a[href]',
  kind: 'cvf',
  entry(link, page) {
    const url = linkUrl(link, page);
    const dt = link.parentElement;
    if (!url || !dt) return null;
    return { url, place: () => ({ in: dt, at: 'inline' }), title: () => textOf(link) };
  },
};
