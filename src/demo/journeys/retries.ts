import type { ExchangeJourney } from '../../store';
import { demoTime } from '../demoClock';

// Journey 1 (complete): why backoff alone does not stop a thundering herd.

const RETRY_HELPER = `// Retries an async operation with capped exponential backoff and full jitter.
// Full jitter spreads clients uniformly over the whole window, so retries that
// started together do not arrive together.

export interface RetryOptions {
  attempts: number; // total tries, including the first
  baseMs: number; // first backoff window
  capMs: number; // largest backoff window
  retryable?: (error: unknown) => boolean;
  signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

export function backoffWindow(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** attempt);
}

export async function retry<T>(op: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseMs, capMs, retryable = () => true, signal } = options;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await op();
    } catch (error) {
      lastError = error;
      if (!retryable(error) || attempt === attempts - 1) break;
      // Full jitter: anywhere in [0, window), not window ± a little.
      await sleep(Math.random() * backoffWindow(attempt, baseMs, capMs), signal);
    }
  }
  throw lastError;
}
`;

const LOAD_CHART = JSON.stringify(
  {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Requests per second reaching the API after a 30 s outage, by retry policy.',
    width: 480,
    height: 240,
    data: {
      values: [
        { second: 0, policy: 'no jitter', rps: 9800 },
        { second: 1, policy: 'no jitter', rps: 200 },
        { second: 2, policy: 'no jitter', rps: 9600 },
        { second: 4, policy: 'no jitter', rps: 9300 },
        { second: 8, policy: 'no jitter', rps: 8900 },
        { second: 16, policy: 'no jitter', rps: 8200 },
        { second: 0, policy: 'full jitter', rps: 2600 },
        { second: 1, policy: 'full jitter', rps: 2400 },
        { second: 2, policy: 'full jitter', rps: 2100 },
        { second: 4, policy: 'full jitter', rps: 1700 },
        { second: 8, policy: 'full jitter', rps: 1300 },
        { second: 16, policy: 'full jitter', rps: 900 },
      ],
    },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'second', type: 'quantitative', title: 'Seconds after recovery' },
      y: { field: 'rps', type: 'quantitative', title: 'Requests per second' },
      color: { field: 'policy', type: 'nominal', title: 'Retry policy' },
    },
  },
  null,
  2,
);

const FENCE = '```';

const POLICY_REVIEW = `# Retry policy review

Exponential backoff spaces out *each client's* retries, but it does nothing about clients that
failed **at the same moment**. After an outage every client sits on the same schedule
(1 s, 2 s, 4 s …), so the load arrives in synchronized waves.

## Findings

| Policy | Peak after recovery | Time to drain | Notes |
|---|---:|---:|---|
| Fixed 1 s | 9 800 rps | never | herd re-forms every second |
| Exponential, no jitter | 9 600 rps | 64 s | waves at 1, 2, 4, 8 s |
| Exponential, ±10 % jitter | 7 900 rps | 48 s | waves blur but stay |
| Exponential, full jitter | 2 600 rps | 21 s | load spread across the window |
| Full jitter + retry budget | 1 400 rps | 18 s | budget caps retries at 10 % of traffic |

## Recommendation

Use full jitter, cap the window at 20 s, and add a client-side **retry budget** so retries can
never exceed a fixed share of normal traffic.

${FENCE}typescript
await retry(() => api.fetchOrders(), { attempts: 5, baseMs: 250, capMs: 20_000 });
${FENCE}

## How a request flows

${FENCE}mermaid
flowchart LR
  A[Request] --> B{Succeeded?}
  B -- yes --> C[Done]
  B -- no --> D{Budget left?}
  D -- no --> E[Fail fast]
  D -- yes --> F[Sleep random 0..window]
  F --> A
${FENCE}

## Follow-ups

- [x] Replace the fixed-delay retry in the orders client
- [x] Add full jitter to the shared retry helper
- [ ] Add a retry budget to the gateway SDK
- [ ] Alert when retries exceed 10 % of requests for 5 minutes
`;

export function retriesJourney(): ExchangeJourney {
  const id = 'journey_demo_retries';
  return {
    id,
    input: 'Why do retries with exponential backoff still cause thundering herds?',
    status: 'complete',
    settings: {
      stageTypes: ['discovering', 'chasing', 'solving', 'challenging', 'building'],
      maxStages: 5,
      autoAdvance: true,
      model: 'claude-sonnet',
    },
    createdAt: demoTime(0),
    updatedAt: demoTime(0, 95),
    stages: [
      {
        id: 'stage_demo_retries_discover',
        type: 'discovering',
        status: 'complete',
        prompt: 'What is known about retry storms after partial outages? Collect the mechanisms.',
        result:
          'Three mechanisms keep herds alive under exponential backoff: (1) clients that failed together share a schedule, so their retries stay aligned; (2) small jitter (±10 %) only blurs the waves; (3) layered retries (SDK, gateway, service) multiply, so one user request can become 27 upstream attempts.',
        thinking:
          'Start from the failure timeline: the outage synchronizes every client. Backoff changes the spacing between one client’s attempts, not the phase between clients. So the question is really about phase.',
        createdAt: demoTime(0, 1),
        updatedAt: demoTime(0, 12),
        artifacts: [],
      },
      {
        id: 'stage_demo_retries_chase',
        type: 'chasing',
        status: 'complete',
        prompt: 'Chase the layered-retry multiplication: how bad does it get with three layers?',
        result:
          'With 3 attempts at each of 3 layers the worst case is 3 × 3 × 3 = 27 calls to the database per user request. Retrying only at the outermost layer (and failing fast inside) removes the multiplication.',
        thinking:
          'Each layer treats a downstream timeout as retryable. None of them knows the others retry too.',
        createdAt: demoTime(0, 13),
        updatedAt: demoTime(0, 30),
        artifacts: [
          {
            id: 'artifact_demo_retries_notes',
            type: 'other',
            title: 'Incident notes: orders outage 14 Feb',
            content:
              '14:02 database failover starts\n14:02 orders-api p99 latency 30 s, error rate 64 %\n14:03 gateway retries x3, SDK retries x3 → db connections saturate\n14:09 failover complete, but load stays at 9.6k rps in waves every 1-2-4-8 s\n14:11 manual rate limit at the gateway, load drops, service recovers\n\nTakeaway: recovery was delayed 2 minutes by our own retries.',
            metadata: { source: 'incident-2025-02-14.md' },
            createdAt: demoTime(0, 20),
          },
        ],
      },
      {
        id: 'stage_demo_retries_solve',
        type: 'solving',
        status: 'complete',
        prompt: 'Write a retry helper with capped exponential backoff and full jitter, and compare the load.',
        result:
          'Full jitter (sleep a random time in [0, window)) cuts the peak after recovery from 9 600 to 2 600 rps in the simulation, and the backlog drains in 21 s instead of 64 s.',
        thinking:
          'Equal jitter keeps half the window fixed, which keeps some alignment. Full jitter gives the lowest total work in the AWS simulation, so use that.',
        createdAt: demoTime(0, 31),
        updatedAt: demoTime(0, 58),
        artifacts: [
          {
            id: 'artifact_demo_retries_helper',
            type: 'code',
            title: 'retry.ts: backoff with full jitter',
            content: RETRY_HELPER,
            metadata: { language: 'typescript', filename: 'retry.ts' },
            createdAt: demoTime(0, 45),
          },
          {
            id: 'artifact_demo_retries_chart',
            type: 'visualization',
            title: 'Load after recovery by retry policy',
            content: LOAD_CHART,
            metadata: { format: 'vega-lite' },
            createdAt: demoTime(0, 55),
          },
        ],
      },
      {
        id: 'stage_demo_retries_challenge',
        type: 'challenging',
        status: 'complete',
        prompt: 'Challenge the conclusion: is jitter enough when a million mobile clients reconnect at once?',
        result:
          'No. Jitter spreads load over the window, but the total work is unchanged. A retry budget (retries ≤ 10 % of requests) or server-sent Retry-After is needed to bound the total.',
        createdAt: demoTime(0, 59),
        updatedAt: demoTime(0, 75),
        artifacts: [],
      },
      {
        id: 'stage_demo_retries_build',
        type: 'building',
        status: 'complete',
        prompt: 'Write the review for the team with the recommendation and follow-ups.',
        result: 'Wrote the retry policy review with a comparison table and follow-up tasks.',
        createdAt: demoTime(0, 76),
        updatedAt: demoTime(0, 95),
        artifacts: [
          {
            id: 'artifact_demo_retries_review',
            type: 'document',
            title: 'Retry policy review',
            content: POLICY_REVIEW,
            metadata: { format: 'markdown' },
            createdAt: demoTime(0, 94),
          },
        ],
      },
    ],
  };
}
