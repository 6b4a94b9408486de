import type { ExchangeJourney } from '../../store';
import { demoTime } from '../demoClock';

// Journey 4 (error): an analysis that failed when a data source timed out.

const FUNNEL_TREE = JSON.stringify(
  {
    text: 'Beta onboarding drop-off',
    children: [
      {
        text: 'Sign-up (100 %)',
        children: [{ text: 'Email verification: 18 % never click the link' }],
      },
      {
        text: 'Workspace setup (71 %)',
        children: [
          { text: 'Import step: 22 % abandon on large CSV files' },
          { text: 'Invite teammates: skipped by 60 %' },
        ],
      },
      {
        text: 'First journey (46 %)',
        children: [
          { text: 'Blank prompt box: no examples shown' },
          { text: 'Model picker confuses new users' },
        ],
      },
      { text: 'Week-2 return (29 %)', children: [] },
    ],
  },
  null,
  2,
);

const FAILED_REQUEST = JSON.stringify(
  {
    request: {
      source: 'analytics-warehouse',
      query: 'funnel_steps_by_cohort',
      params: { cohort: '2025-W09', steps: 4 },
    },
    error: { code: 'ETIMEDOUT', message: 'warehouse did not answer within 120 s', retries: 3 },
    at: '2025-03-12T11:40:07Z',
  },
  null,
  2,
);

export function onboardingJourney(): ExchangeJourney {
  return {
    id: 'journey_demo_onboarding',
    input: 'Map where beta users drop off during onboarding and suggest three fixes.',
    status: 'error',
    settings: {
      stageTypes: ['discovering', 'searching', 'imagining'],
      maxStages: 3,
      autoAdvance: true,
      model: 'claude-sonnet',
    },
    createdAt: demoTime(9, 150),
    updatedAt: demoTime(9, 220),
    stages: [
      {
        id: 'stage_demo_onboarding_discover',
        type: 'discovering',
        status: 'complete',
        prompt: 'Outline the onboarding funnel from the product analytics export.',
        result:
          'Four steps; the largest losses are email verification (18 %) and the import step (22 % of those who reach it). Only 46 % of sign-ups start a first journey.',
        createdAt: demoTime(9, 151),
        updatedAt: demoTime(9, 190),
        artifacts: [
          {
            id: 'artifact_demo_onboarding_tree',
            type: 'mindmap',
            title: 'Onboarding funnel',
            content: FUNNEL_TREE,
            metadata: { format: 'json' },
            createdAt: demoTime(9, 188),
          },
        ],
      },
      {
        id: 'stage_demo_onboarding_search',
        type: 'searching',
        status: 'error',
        prompt: 'Break the funnel down by weekly cohort to see whether the new import dialog helped.',
        result: 'The analytics warehouse timed out three times (ETIMEDOUT after 120 s); the stage stopped.',
        thinking: 'The cohort query scans the raw events table; it needs the daily rollup instead.',
        createdAt: demoTime(9, 191),
        updatedAt: demoTime(9, 220),
        artifacts: [
          {
            id: 'artifact_demo_onboarding_error',
            type: 'other',
            title: 'Failed warehouse request',
            content: FAILED_REQUEST,
            metadata: { format: 'json' },
            createdAt: demoTime(9, 219),
          },
        ],
      },
    ],
  };
}
