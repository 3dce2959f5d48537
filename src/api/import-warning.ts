/** A non-fatal import finding, as the engine reports it and the page shows it. No imports (contract layer). */

/** Something the importer wants the user to know that did not stop the import. */
export interface ImportWarning {
  code: string;
  message: string;
  /**
   * Information, not a warning (a metadata file that matched every cell): the CLI leaves it out of a run's
   * warnings and `inspect` shows it as a note. Default: absent (a warning).
   */
  info?: true;
}
