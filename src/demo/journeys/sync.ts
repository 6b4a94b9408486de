import type { ExchangeJourney } from '../../store';
import { demoTime } from '../demoClock';

// Journey 5 (running): designing a local-first sync protocol; the last stage is still running.

const FENCE = '```';

const DESIGN_OUTLINE = `# Local-first sync
## Goals
- Works offline for days
- Merges without a central lock
- Sync is incremental and resumable
## Data model
- Notes as CRDT documents
  - Text: sequence CRDT (RGA)
  - Properties: last-writer-wins registers
- Hybrid logical clocks for ordering
## Protocol
- Exchange version vectors
- Send missing operations in batches
- Acknowledge and compact
## Open questions
- Deleting notes: tombstones or epochs?
- Sharing with other users
`;

const SYNC_FLOW = `flowchart TD
  A[Device opens connection] --> B[Send version vector]
  B --> C{Server has newer ops?}
  C -- yes --> D[Stream missing ops in batches of 500]
  C -- no --> E[Upload local ops]
  D --> E
  E --> F[Server acknowledges up to HLC t]
  F --> G[Device compacts ops older than t]
  G --> H[Idle: wait for change or push]
  H --> B
`;

const HLC = `//! Hybrid logical clock: wall-clock time plus a counter, so timestamps order
//! events across devices even when their clocks disagree by a few seconds.

use std::cmp::max;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub millis: u64,
    pub counter: u32,
    pub node: u32,
}

pub struct Clock {
    last: Timestamp,
    max_drift_ms: u64,
}

#[derive(Debug)]
pub enum ClockError {
    DriftTooLarge { remote: u64, local: u64 },
}

impl Clock {
    pub fn new(node: u32, max_drift_ms: u64) -> Self {
        Clock { last: Timestamp { millis: 0, counter: 0, node }, max_drift_ms }
    }

    /// A timestamp for a local event.
    pub fn now(&mut self, wall_ms: u64) -> Timestamp {
        if wall_ms > self.last.millis {
            self.last.millis = wall_ms;
            self.last.counter = 0;
        } else {
            self.last.counter += 1;
        }
        self.last
    }

    /// Merges a timestamp received from another device.
    pub fn observe(&mut self, remote: Timestamp, wall_ms: u64) -> Result<Timestamp, ClockError> {
        if remote.millis > wall_ms + self.max_drift_ms {
            return Err(ClockError::DriftTooLarge { remote: remote.millis, local: wall_ms });
        }
        let millis = max(max(self.last.millis, remote.millis), wall_ms);
        let counter = match (millis == self.last.millis, millis == remote.millis) {
            (true, true) => max(self.last.counter, remote.counter) + 1,
            (true, false) => self.last.counter + 1,
            (false, true) => remote.counter + 1,
            (false, false) => 0,
        };
        self.last = Timestamp { millis, counter, node: self.last.node };
        Ok(self.last)
    }
}
`;

const PROTOCOL_DRAFT = `# Sync protocol draft (v0.3)

## Messages

| Message | Direction | Body |
|---|---|---|
| \`hello\` | device → server | device id, version vector |
| \`ops\` | both | up to 500 operations, HLC-ordered |
| \`ack\` | server → device | highest HLC stored durably |

## Rules

1. Operations are immutable and idempotent: applying one twice is harmless.
2. A device may compact operations only below the server's last \`ack\`.
3. Clocks more than 60 s ahead are rejected (see \`ClockError::DriftTooLarge\`).

${FENCE}json
{ "type": "hello", "device": "laptop-7f3a", "vector": { "laptop-7f3a": 1842, "phone-02c1": 977 } }
${FENCE}

- [x] Message shapes
- [x] Clock rules
- [ ] Tombstone compaction
- [ ] Sharing between accounts
`;

export function syncJourney(): ExchangeJourney {
  return {
    id: 'journey_demo_sync',
    input: 'Design a local-first sync protocol for a notes app that works offline for days.',
    status: 'running',
    settings: {
      stageTypes: ['discovering', 'imagining', 'building', 'questioning', 'challenging', 'building'],
      maxStages: 6,
      autoAdvance: true,
      model: 'claude-opus',
    },
    createdAt: demoTime(12, 60),
    updatedAt: demoTime(12, 200),
    stages: [
      {
        id: 'stage_demo_sync_discover',
        type: 'discovering',
        status: 'complete',
        prompt: 'What must a local-first notes sync guarantee, and which building blocks exist?',
        result:
          'Guarantees: offline edits never lost, merges converge on every device, sync resumes after interruption. Building blocks: CRDTs for note content, hybrid logical clocks for ordering, version vectors to find what a peer is missing.',
        thinking:
          'Operational transform needs a central server to order operations; that conflicts with days offline. CRDTs do not.',
        createdAt: demoTime(12, 61),
        updatedAt: demoTime(12, 90),
        artifacts: [
          {
            id: 'artifact_demo_sync_outline',
            type: 'mindmap',
            title: 'Local-first sync: design outline',
            content: DESIGN_OUTLINE,
            metadata: { format: 'markdown' },
            createdAt: demoTime(12, 88),
          },
        ],
      },
      {
        id: 'stage_demo_sync_imagine',
        type: 'imagining',
        status: 'complete',
        prompt: 'Imagine one sync session from connect to idle, step by step.',
        result:
          'A session exchanges version vectors, streams missing operations in batches, uploads local ones, and compacts after the server acknowledges a durable point.',
        createdAt: demoTime(12, 91),
        updatedAt: demoTime(12, 120),
        artifacts: [
          {
            id: 'artifact_demo_sync_flow',
            type: 'visualization',
            title: 'Sync session flow',
            content: SYNC_FLOW,
            metadata: { format: 'mermaid' },
            createdAt: demoTime(12, 118),
          },
        ],
      },
      {
        id: 'stage_demo_sync_build',
        type: 'building',
        status: 'complete',
        prompt: 'Implement the hybrid logical clock and write the protocol draft.',
        result:
          'Implemented an HLC in Rust (now, observe, drift rejection) and drafted the three protocol messages with their rules.',
        createdAt: demoTime(12, 121),
        updatedAt: demoTime(12, 170),
        artifacts: [
          {
            id: 'artifact_demo_sync_hlc',
            type: 'code',
            title: 'hlc.rs: hybrid logical clock',
            content: HLC,
            metadata: { language: 'rust', filename: 'hlc.rs' },
            createdAt: demoTime(12, 150),
          },
          {
            id: 'artifact_demo_sync_draft',
            type: 'document',
            title: 'Sync protocol draft',
            content: PROTOCOL_DRAFT,
            metadata: { format: 'markdown' },
            createdAt: demoTime(12, 168),
          },
        ],
      },
      {
        id: 'stage_demo_sync_question',
        type: 'questioning',
        status: 'running',
        prompt:
          'How should deleted notes be compacted without resurrecting them on a device that was offline?',
        result:
          'So far: tombstones must outlive the longest expected offline period. Comparing epoch-based compaction next…',
        thinking:
          'If a device offline for 30 days still holds an edit to a deleted note, dropping the tombstone after 7 days brings the note back.',
        createdAt: demoTime(12, 171),
        updatedAt: demoTime(12, 200),
        artifacts: [],
      },
    ],
  };
}
