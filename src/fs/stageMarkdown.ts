// A stage as a read-only Markdown document (for search hits on stages when the journey view is not there).
import type { Journey, Stage } from '../store';

function heading(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

/** Fenced so that whatever the model wrote (headings, HTML) stays inside its section. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export function stageMarkdown(journey: Journey, stage: Stage, position: number): string {
  const lines = [
    `# ${position}. ${heading(stage.type)}`,
    '',
    `Journey: ${journey.input.split('\n', 1)[0] ?? ''}  `,
    `Status: ${stage.status} · ${new Date(stage.createdAt).toISOString()}`,
    '',
    '## Prompt',
    '',
    stage.prompt.trim() === '' ? '_(empty)_' : stage.prompt,
    '',
    '## Result',
    '',
    stage.result.trim() === '' ? '_(empty)_' : stage.result,
  ];
  if (stage.thinking !== undefined) lines.push('', '## Thinking', '', fenced(stage.thinking));
  return `${lines.join('\n')}\n`;
}
