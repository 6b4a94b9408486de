import type { ExchangeJourney } from '../../store';
import { demoTime } from '../demoClock';

// Journey 2 (stopped): tuning SQLite WAL checkpoints; the user stopped it after the measurements.

const WAL_GROWTH_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="220" viewBox="0 0 420 220" font-family="sans-serif" font-size="11">
  <title>WAL size over ten minutes of writes</title>
  <rect x="0" y="0" width="420" height="220" fill="#ffffff"/>
  <line x1="50" y1="180" x2="400" y2="180" stroke="#444"/>
  <line x1="50" y1="20" x2="50" y2="180" stroke="#444"/>
  <text x="225" y="208" text-anchor="middle">minutes</text>
  <text x="14" y="100" transform="rotate(-90 14 100)" text-anchor="middle">WAL size (MB)</text>
  <polyline fill="none" stroke="#d9534f" stroke-width="2"
    points="50,175 85,160 120,142 155,125 190,108 225,90 260,74 295,58 330,42 365,30 400,22"/>
  <polyline fill="none" stroke="#2b7bb9" stroke-width="2"
    points="50,175 85,150 120,176 155,150 190,176 225,150 260,176 295,150 330,176 365,150 400,176"/>
  <rect x="270" y="28" width="10" height="10" fill="#d9534f"/>
  <text x="286" y="37">reader held open</text>
  <rect x="270" y="46" width="10" height="10" fill="#2b7bb9"/>
  <text x="286" y="55">autocheckpoint 1000</text>
</svg>
`;

export function checkpointJourney(): ExchangeJourney {
  return {
    id: 'journey_demo_checkpoints',
    input: 'How should SQLite WAL checkpoints be tuned for a desktop app with a long-lived reader?',
    status: 'stopped',
    settings: {
      stageTypes: ['discovering', 'chasing', 'questioning'],
      maxStages: 4,
      autoAdvance: false,
      model: 'claude-haiku',
    },
    createdAt: demoTime(2, 10),
    updatedAt: demoTime(2, 70),
    stages: [
      {
        id: 'stage_demo_checkpoints_discover',
        type: 'discovering',
        status: 'complete',
        prompt: 'Why does the -wal file keep growing even though wal_autocheckpoint is on?',
        result:
          'A checkpoint cannot copy frames past the oldest open read transaction. A reader that keeps one statement open (an un-finalized iterator, a long export) pins the WAL, so every autocheckpoint is partial and the file grows without bound.',
        thinking:
          'PRAGMA wal_checkpoint(PASSIVE) returns (busy, log, checkpointed). If checkpointed stays far below log, something is holding a snapshot.',
        createdAt: demoTime(2, 11),
        updatedAt: demoTime(2, 30),
        artifacts: [],
      },
      {
        id: 'stage_demo_checkpoints_chase',
        type: 'chasing',
        status: 'complete',
        prompt: 'Measure WAL growth with and without a reader held open for ten minutes.',
        result:
          'With the reader held open the WAL reached 410 MB after ten minutes; without it, autocheckpoint kept it between 0 and 4 MB. Finalizing iterators promptly and running a TRUNCATE checkpoint when the app goes idle fixes it.',
        createdAt: demoTime(2, 31),
        updatedAt: demoTime(2, 62),
        artifacts: [
          {
            id: 'artifact_demo_checkpoints_svg',
            type: 'visualization',
            title: 'WAL size with a pinned reader',
            content: WAL_GROWTH_SVG,
            metadata: { format: 'svg' },
            createdAt: demoTime(2, 60),
          },
        ],
      },
      {
        id: 'stage_demo_checkpoints_question',
        type: 'questioning',
        status: 'pending',
        prompt: 'Should the app switch to synchronous=NORMAL, and what durability does that give up?',
        result: '',
        createdAt: demoTime(2, 63),
        artifacts: [],
      },
    ],
  };
}
