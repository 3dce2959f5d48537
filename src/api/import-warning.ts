/** A non-fatal import finding, as the engine reports it and the page shows it. No imports (contract layer). */

/** Something the importer wants the user to know that did not stop the import. */
export interface ImportWarning {
  code: string;
  /** The CLI's words: a setting it suggests named by its flag (`--decimal dot`). */
  message: string;
  /**
   * The page's words, when a setting is named (Import settings ▸ Decimal separator): the engine session
   * gives the page this as `message` (`inPageWords`). Default: absent (`message` suits both sides).
   */
  appMessage?: string;
  /**
   * Information, not a warning (a metadata file that matched every cell): the CLI leaves it out of a run's
   * warnings and `inspect` shows it as a note. Default: absent (a warning).
   */
  info?: true;
}
