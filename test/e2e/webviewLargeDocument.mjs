// A journey with one long Markdown document, for the check that such a document shows its start at once and
// ends up complete. Long enough to be rendered head first (64 KB and more), short enough to import quickly.

const FENCE = '```';
const T0 = Date.UTC(2025, 6, 1, 9, 0, 0);

export const LARGE_JOURNEY_INPUT = 'Large document: a long design review';
export const LARGE_DOCUMENT_TITLE = 'Long design review';
export const LARGE_DOCUMENT_ID = 'artifact_large_review';
export const LARGE_DOCUMENT_SECTIONS = 500;

function section(n) {
  return [
    `## Section ${n}`,
    '',
    `Paragraph ${n} of the review, with **bold** text, \`inline code\` and a [reference link][guide].`,
    '',
    `- [x] done in section ${n}`,
    `- [ ] open in section ${n}`,
    '',
    '| Setting | Value |',
    '|---|---:|',
    `| cache_size | ${n * 64} |`,
    '',
    n % 3 === 0 ? `${FENCE}ts\nexport const section${n} = ${n};\n${FENCE}\n` : `> A note on section ${n}.\n`,
  ].join('\n');
}

function content() {
  const sections = Array.from({ length: LARGE_DOCUMENT_SECTIONS }, (_, i) => section(i + 1));
  // The reference is defined at the very end, so links in the first screen need the whole document.
  return `# ${LARGE_DOCUMENT_TITLE}\n\n${sections.join('\n')}\n[guide]: https://example.com/guide\n`;
}

export function largeDocumentJourneys() {
  return {
    format: 'perpetua-journeys',
    version: 1,
    exportedAt: new Date(T0).toISOString(),
    journeys: [
      {
        id: 'journey_large_document',
        input: LARGE_JOURNEY_INPUT,
        status: 'complete',
        settings: { stageTypes: ['solving'], maxStages: 1, autoAdvance: false, model: 'e2e' },
        createdAt: T0,
        updatedAt: T0 + 5000,
        stages: [
          {
            id: 'stage_large_1',
            type: 'solving',
            status: 'complete',
            prompt: 'Write the design review.',
            result: 'Done.',
            thinking: 'None.',
            createdAt: T0 + 100,
            updatedAt: T0 + 200,
            artifacts: [
              {
                id: LARGE_DOCUMENT_ID,
                type: 'document',
                title: LARGE_DOCUMENT_TITLE,
                content: content(),
                metadata: { format: 'markdown' },
                createdAt: T0 + 1000,
              },
            ],
          },
        ],
      },
    ],
  };
}
