/** A message a page shows after an action; `undo` when what it reports can be taken back. */
export type Notice = { text: string; error: boolean; undo?: () => void } | null;
