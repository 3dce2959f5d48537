/**
 * The JSON of the two `tripletlens serve` routes beside EngineApi (src/server/file-routes.ts): the folder
 * listing under --root and the upload receipt. Shared by the server and the page (no Node imports).
 */

/** One row of a folder listing. */
export interface FolderEntry {
  name: string;
  /** Path relative to the root, with '/' separators: what the page sends back to list or open it. */
  path: string;
  kind: 'folder' | 'file';
  /** Size in bytes (files only). */
  size?: number;
  /** A folder holding matrix.mtx(.gz): a 10x Genomics Cell Ranger output that opens as one dataset. */
  cellRanger?: boolean;
}

export interface FolderListing {
  /** The folder, relative to the root ('' for the root itself). */
  path: string;
  /** The parent folder's relative path, or null at the root. */
  parent: string | null;
  entries: FolderEntry[];
  /** More entries exist than were listed. */
  truncated: boolean;
}

/** What GET /api/files answers: the listing plus the largest upload accepted now (free disk or --max-upload-mb). */
export interface FolderListingReply extends FolderListing {
  uploadLimitBytes: number;
}

/** What GET /api/upload answers: the largest upload accepted now, and what sets it. */
export interface UploadLimitReply {
  uploadLimitBytes: number;
  /**
   * What sets the limit, to follow "more than the server can take (300 MB: …)": "its upload limit,
   * --max-upload-mb 300", "its free disk space above the 256 MB it keeps free, --disk-reserve-mb 256". Absent
   * from older servers.
   */
  uploadLimitReason?: string;
}

/** What POST /api/upload answers once the file is on the server's disk. */
export interface UploadReceipt {
  uploadId: string;
  name: string;
  bytes: number;
}
