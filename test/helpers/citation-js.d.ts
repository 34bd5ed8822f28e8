/**
 * The little of citation-js (a devDependency: tests read the reference
 * exports back with it) that the tests use; it ships no types.
 */
declare module '@citation-js/core' {
  interface CiteOptions {
    forceType?: string;
  }
  export class Cite {
    static async(data: unknown, options?: CiteOptions): Promise<Cite>;
    data: Array<Record<string, unknown>>;
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    input: {
      /** One parsing step: a file's text into its raw records. */
      chainLinkAsync(data: unknown, options?: CiteOptions): Promise<unknown>;
    };
  };
}
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
