import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../helpers/browser';
import { originPattern } from '@/utils/core/url';

interface Manifest {
  options_ui?: { page: string; open_in_tab?: boolean };
  content_scripts?: Array<{ matches: string[]; js: string[]; run_at?: string }>;
  web_accessible_resources?: Array<{ resources: string[]; matches: string[] }>;
  permissions?: string[];
  optional_host_permissions?: string[];
}

const manifest = (): Manifest =>
  JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;

describe('the built manifest', () => {
  it('opens the options in a tab', () => {
    expect(manifest().options_ui).toEqual({ page: 'options.html', open_in_tab: true });
  });

  it('runs on https paper sites only, at document_start, with no WXT wrapper script', () => {
    const scripts = manifest().content_scripts ?? [];
    const paper = scripts.find((c) => c.js.includes('paper.js'))!;
    expect(paper.run_at).toBe('document_start');
    for (const c of scripts)
      for (const m of c.matches) expect(m, m).toMatch(/^https:\/\/[a-z0-9.-]+\//);
    const source = readFileSync(join(EXTENSION_DIR, 'paper.js'), 'utf8');
    expect(source).not.toContain('content-script-started');
    expect(source).not.toContain('postMessage');
  });

  // Any https page the user lets Sidenotes recognise papers on shows the sidebar too (issue 23).
  it('exposes the sidebar page to https pages only', () => {
    for (const w of manifest().web_accessible_resources ?? [])
      for (const m of w.matches) expect(m, m).toMatch(/^https:\/\/(?:[a-z0-9.-]+|\*)\/\*$/);
  });

  it('runs the probe nowhere by itself: it is registered from the user’s choice', () => {
    const scripts = manifest().content_scripts ?? [];
    expect(scripts.flatMap((c) => c.js)).not.toContain('probe.js');
    const source = readFileSync(join(EXTENSION_DIR, 'probe.js'), 'utf8');
    expect(source).not.toContain('content-script-started');
    expect(source).not.toContain('postMessage');
  });

  it('asks for no host at install: remote sources are optional, granted from the user’s click', () => {
    const m = manifest();
    expect(m.permissions).not.toContain('tabs');
    expect(m.permissions).not.toContain('<all_urls>');
    // The toolbar click lends one tab; the probe and detection run only where the user chose.
    expect(m.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
    expect(m.optional_host_permissions).toContain('https://*/*');
    // A WebDAV server on this computer, on any port: the pattern the options page asks for.
    for (const url of ['http://127.0.0.1:8787/dav/', 'http://localhost:5232/Sidenotes/'])
      expect(m.optional_host_permissions).toContain(originPattern(url));
  });
});
