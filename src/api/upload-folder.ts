/**
 * The name prefix of the temporary folder `tripletlens serve` streams uploads into. Shared by the server
 * (which makes it) and the engine (which opens an `uploaded` source only from such a folder). No imports.
 */
export const UPLOAD_FOLDER_PREFIX = 'tripletlens-uploads-';
