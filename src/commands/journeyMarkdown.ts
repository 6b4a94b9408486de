import type { JourneyWithStages } from '../store';

/** A journey as a Markdown document for reading: input, then each stage's prompt, result and artifacts. */
export function journeyMarkdown(journey: JourneyWithStages, artifactContent: (id: string) => string): string {
  const lines: string[] = [];
  lines.push(`# ${oneLine(journey.input)}`, '');
  lines.push(
    `- Status: ${journey.status}`,
    `- Started: ${new Date(journey.createdAt).toISOString()}`,
    `- Updated: ${new Date(journey.updatedAt).toISOString()}`,
    `- Id: \`${journey.id}\``,
    '',
  );
  if (journey.input.includes('\n')) lines.push(journey.input, '');
  journey.stages.forEach((stage, index) => {
    lines.push(`## ${index + 1}. ${stage.type} (${stage.status})`, '');
    if (stage.prompt) lines.push('### Prompt', '', stage.prompt, '');
    if (stage.result) lines.push('### Result', '', stage.result, '');
    for (const artifact of stage.artifacts) {
      lines.push(`### ${artifact.type}: ${oneLine(artifact.title)}`, '');
      lines.push(
        fence(artifactContent(artifact.id), artifact.type === 'code' ? codeLanguage(artifact.metadata) : ''),
        '',
      );
    }
  });
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A fence longer than any backtick run inside, so content never closes it early. */
function fence(content: string, language: string): string {
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${content}\n${ticks}`;
}

function codeLanguage(metadata: Record<string, unknown>): string {
  const language = metadata.language;
  return typeof language === 'string' && /^[\w+#.-]{1,30}$/.test(language) ? language : '';
}
