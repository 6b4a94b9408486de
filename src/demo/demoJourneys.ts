import {
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  type ExchangeDocument,
  type ImportReport,
  type Store,
} from '../store';
import { DEMO_EPOCH } from './demoClock';
import { cachingJourney } from './journeys/caching';
import { checkpointJourney } from './journeys/checkpoints';
import { onboardingJourney } from './journeys/onboarding';
import { retriesJourney } from './journeys/retries';
import { syncJourney } from './journeys/sync';

// A small, realistic set of journeys for trying the explorer and the CLI without a Perpetua database.

/** The demo set as an exchange document: fixed ids and times, so it can be imported any number of times. */
export function demoDocument(): ExchangeDocument {
  return {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    exportedAt: new Date(DEMO_EPOCH).toISOString(),
    journeys: [retriesJourney(), checkpointJourney(), cachingJourney(), onboardingJourney(), syncJourney()],
  };
}

/** Imports the demo set; a second call reports everything unchanged. */
export function loadDemoJourneys(store: Store): ImportReport {
  return store.importJson(demoDocument());
}
