import type { LibraryItem } from '@/utils/core/library-item';

export interface ImportProblem {
  /** 1-based position of the entry in the file's items (of the row, in a CSV file). */
  entry: number;
  reason: string;
}

export interface ParsedImport {
  items: LibraryItem[];
  invalid: ImportProblem[];
  /** What `entry` counts: items of a Sidenotes export, rows of a ShortScience CSV. */
  unit?: 'entry' | 'row';
}
