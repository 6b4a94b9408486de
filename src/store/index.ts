// The public face of the store: everything the extension, the CLI and the tests use.
export { openStore, migrateDatabase, Store, type OpenStoreOptions, type StoreStatus } from './store';
export { StoreError, toStoreError, type StoreErrorCode } from './errors';
export { generateId } from './ids';
export * from './types';
export type {
  SearchHit,
  ArtifactHit,
  StageHit,
  SearchOptions,
  SearchResult,
  Snippet,
  SearchKind,
} from './search';
export { parseSearchQuery } from './searchQuery';
export type { CheckReport } from './check';
export type { MigrationReport } from './migrations/migrator';
export type { AdoptionReport } from './migrations/adoption';
export { LATEST_VERSION } from './migrations/index';
export { QueryBuilder, TABLE_COLUMNS, type TableName, type TableRows } from './queryBuilder';
export {
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  parseExchangeDocument,
  type ExchangeDocument,
  type ExchangeJourney,
} from './exchange';
export type { ImportReport } from './transfer';
