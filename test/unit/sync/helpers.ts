import type { SyncConfig } from '@/utils/sync/config';

/** What a browser connected to the folder at `url` keeps (utils/sync/config.ts), as it reads back. */
export const connectedTo = (url: string): SyncConfig => ({
  url,
  user: 'ada',
  password: 'correct horse battery staple',
  key: 'a'.repeat(44),
  device: '0123456789abcdef',
  headerSig: 'sig',
  connectedAt: '2026-12-06T00:00:00.000Z',
});
