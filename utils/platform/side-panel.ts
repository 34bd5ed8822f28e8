/**
 * Opens the browser's side panel with Sidenotes: Chrome's sidePanel, or
 * Firefox's sidebar_action. Must run in a user gesture (a click, a command).
 */
export async function openSidePanel(windowId: number | undefined): Promise<boolean> {
  const g = globalThis as {
    chrome?: { sidePanel?: { open(o: { windowId: number }): Promise<void> } };
    browser?: { sidebarAction?: { open(): Promise<void> } };
  };
  if (g.chrome?.sidePanel && windowId !== undefined) {
    await g.chrome.sidePanel.open({ windowId });
    return true;
  }
  if (g.browser?.sidebarAction) {
    await g.browser.sidebarAction.open();
    return true;
  }
  return false;
}
