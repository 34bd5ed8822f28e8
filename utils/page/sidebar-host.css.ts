/*
 * Styles of the in-page shell (tab, bar, frame). Everything that matters is
 * set explicitly inside the shadow root: page CSS such as
 * `* { all: unset !important }` reaches the host element only.
 *
 * Below the bar the shell paints nothing once the frame has loaded (the
 * frame draws its own edge, styles/sidebar.css): anything the page renderer
 * paints over the panel's full height is rastered in every paper tab. The
 * panel's edge, shadow and background cost ~2.5 MB per visible tab
 * (`npm run bench`, tabs).
 *
 * Written compact, one rule a line: this text ships in the paper page
 * script, whose budget is 4 KB gzipped.
 */
export const SIDEBAR_CSS = `
:host{all:initial !important}
.tab,.panel{all:initial;box-sizing:border-box;font:13px/1.4 system-ui,sans-serif;color:#1d2330;--bg:#fbfaf7;--line:#d8d5cc;--accent:#4b5d8a}
.tab{position:fixed;right:0;top:96px;z-index:2147483647;display:flex;flex-direction:column;align-items:center;gap:6px;padding:10px 6px;cursor:pointer;background:var(--bg);border:1px solid var(--line);border-right:0;border-radius:8px 0 0 8px;box-shadow:0 1px 4px #00000026}
.tab[hidden],.panel[hidden]{display:none !important}
.tab-label{writing-mode:vertical-rl;transform:rotate(180deg);letter-spacing:.04em;font-size:12px}
.tab-count{width:26px;padding:1px 0;overflow:hidden;white-space:nowrap;border-radius:9px;background:var(--accent);color:#fff;text-align:center;font-weight:600;font-size:11px}
.tab:focus-visible,.close:focus-visible,.resize:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.panel{position:fixed;top:0;right:0;bottom:0;z-index:2147483647;display:flex;flex-direction:column}
.bar{display:flex;align-items:center;justify-content:space-between;height:36px;padding:0 8px 0 14px;background:var(--bg);border-left:1px solid var(--line);border-bottom:1px solid var(--line);font-weight:600;letter-spacing:.02em}
.close{all:unset;cursor:pointer;width:28px;height:28px;text-align:center;line-height:28px;border-radius:6px;font-size:16px}
.close:hover{background:#0000000f}
.frame{flex:1;width:100%;border:0;background:var(--bg);color-scheme:light dark;display:block}
.frame.loaded{background:none}
.resize{position:absolute;left:-8px;top:0;bottom:0;width:8px;cursor:col-resize;z-index:1}
.resizing .frame{pointer-events:none}
@media (prefers-color-scheme:dark){
.tab,.panel{color:#e4e6eb;--bg:#1c1f26;--line:#343946;--accent:#8ea2d8}
.tab-count{color:#10131a}
.close:hover{background:#ffffff14}
}
`;
