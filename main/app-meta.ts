import pkg from '../package.json';

/** Name and version the report's `tool` field carries; one source, the package manifest. */
export const TOOL = { name: pkg.name, version: pkg.version } as const;
