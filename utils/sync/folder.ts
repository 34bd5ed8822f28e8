import type { DavFile } from '@/utils/net/webdav';

/**
 * The layout of a sync folder. Besides the header (utils/sync/crypto.ts),
 * every file belongs to one device and only that device writes it:
 *
 *   <device>.<seq>.seg   the records that device changed, in the order it wrote them
 *   <device>.<seq>.snap  every record that device knew after its segment <seq>
 *
 * A device id is 16 random hex digits and `seq` a counter: names say nothing
 * about papers. No two devices ever write the same file, so no locking is
 * needed and a half-written file hurts only until its writer writes it again.
 */
export interface FolderFile extends DavFile {
  device: string;
  seq: number;
  kind: 'seg' | 'snap';
}

const NAME = /^([0-9a-f]{16})\.(\d{8})\.(seg|snap)$/;

export const fileName = (device: string, seq: number, kind: 'seg' | 'snap') =>
  `${device}.${String(seq).padStart(8, '0')}.${kind}`;

export function folderFiles(files: readonly DavFile[]): FolderFile[] {
  return files.flatMap((file) => {
    const m = NAME.exec(file.name);
    return m ? [{ ...file, device: m[1]!, seq: Number(m[2]), kind: m[3] as 'seg' | 'snap' }] : [];
  });
}

/** What identifies one written version of a file: a rewrite changes it. */
export const signature = (file: DavFile): string =>
  `${file.size}|${file.etag ?? ''}|${file.modified ?? ''}`;

export const newDeviceId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/** What this device has read of the others' files. */
export interface ReadProgress {
  /** File name → signature of the version read (or found damaged and skipped). */
  seen: Record<string, string>;
  /** Device → the highest seq up to which every segment was read. */
  upTo: Record<string, number>;
  /** Damaged files skipped, by name (reported while they are listed). */
  skipped: string[];
}

/**
 * Which files to read, in order, for every device but `self` (all devices,
 * itself included, when restoring): the segments not read yet in their
 * written versions; the device's latest snapshot instead of the segments it
 * replaced, when one it covers is gone or was damaged.
 */
export function filesToRead(
  files: readonly FolderFile[],
  progress: ReadProgress,
  self: string | null,
): FolderFile[] {
  const byDevice = new Map<string, FolderFile[]>();
  for (const file of files) {
    if (file.device === self) continue;
    byDevice.set(file.device, [...(byDevice.get(file.device) ?? []), file]);
  }
  const out: FolderFile[] = [];
  for (const [device, list] of byDevice) {
    const segs = list.filter((f) => f.kind === 'seg').sort((a, b) => a.seq - b.seq);
    const snap = list
      .filter((f) => f.kind === 'snap')
      .sort((a, b) => a.seq - b.seq)
      .at(-1);
    const upTo = progress.upTo[device] ?? 0;
    const listed = new Set(segs.map((s) => s.seq));
    const damaged = segs.some(
      (s) => progress.skipped.includes(s.name) && snap && s.seq <= snap.seq,
    );
    const useSnap =
      snap !== undefined &&
      progress.seen[snap.name] !== signature(snap) &&
      snap.seq > upTo &&
      (!listed.has(upTo + 1) || damaged);
    if (useSnap) out.push(snap);
    for (const seg of segs) {
      if (useSnap && seg.seq <= snap.seq) continue;
      if (progress.seen[seg.name] !== signature(seg)) out.push(seg);
    }
  }
  return out;
}

/** Progress after reading `file` (ok: it applied; else it was damaged and skipped). */
export function afterRead(progress: ReadProgress, file: FolderFile, ok: boolean): ReadProgress {
  const seen = { ...progress.seen, [file.name]: signature(file) };
  let skipped = progress.skipped.filter((name) => name !== file.name);
  if (!ok) return { ...progress, seen, skipped: [...skipped, file.name] };
  const upTo = { ...progress.upTo };
  if (file.kind === 'snap') {
    upTo[file.device] = Math.max(upTo[file.device] ?? 0, file.seq);
    // The snapshot holds what the damaged segments it covers held.
    skipped = skipped.filter((name) => {
      const m = /^([0-9a-f]{16})\.(\d{8})\.seg$/.exec(name);
      return !(m && m[1] === file.device && Number(m[2]) <= file.seq);
    });
  } else if (file.seq === (upTo[file.device] ?? 0) + 1) upTo[file.device] = file.seq;
  return { ...progress, seen, upTo, skipped };
}

/** Advances `upTo` over segments already read in order (read out of order earlier). */
export function settleUpTo(progress: ReadProgress, files: readonly FolderFile[]): ReadProgress {
  const upTo = { ...progress.upTo };
  const segs = files.filter((f) => f.kind === 'seg');
  for (const device of new Set(segs.map((f) => f.device))) {
    const read = new Set(
      segs
        .filter(
          (f) =>
            f.device === device &&
            progress.seen[f.name] === signature(f) &&
            !progress.skipped.includes(f.name),
        )
        .map((f) => f.seq),
    );
    let at = upTo[device] ?? 0;
    while (read.has(at + 1)) at++;
    if (at) upTo[device] = at;
  }
  return { ...progress, upTo };
}

/** Forgets files no longer in the folder (a compaction deleted them). */
export function pruneProgress(progress: ReadProgress, files: readonly DavFile[]): ReadProgress {
  const names = new Set(files.map((f) => f.name));
  return {
    ...progress,
    seen: Object.fromEntries(Object.entries(progress.seen).filter(([n]) => names.has(n))),
    skipped: progress.skipped.filter((n) => names.has(n)),
  };
}
