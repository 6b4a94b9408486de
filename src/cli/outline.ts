import type { Artifact, ArtifactSummary, JourneyWithStages, Stage } from '../store';
import { formatBytes, formatDate, oneLine, plural, type Styles } from './format';

// Human-readable views of a journey (an outline), a stage (its texts in full) and an artifact's header.

function artifactLine(a: ArtifactSummary, s: Styles): string {
  const format = typeof a.metadata.format === 'string' ? a.metadata.format : undefined;
  const language = typeof a.metadata.language === 'string' ? a.metadata.language : undefined;
  const kind = [a.type, language ?? format].filter(Boolean).join('/');
  return `${kind}  ${s.bold(a.title)}  ${s.dim(`${a.id} · ${formatBytes(a.contentBytes)}`)}`;
}

export function journeyOutline(j: JourneyWithStages, s: Styles, columns: number): string[] {
  const artifactCount = j.stages.reduce((n, st) => n + st.artifacts.length, 0);
  const lines = [
    `${s.bold(j.id)}  ${j.status}`,
    j.input,
    s.dim(
      `created ${formatDate(j.createdAt)} · updated ${formatDate(j.updatedAt)} · ${plural(j.stages.length, 'stage')} · ${plural(artifactCount, 'artifact')} · model ${String(j.settings.model)}`,
    ),
  ];
  const indent = '    ';
  const textWidth = Math.max(20, columns - indent.length - 2);
  j.stages.forEach((stage, i) => {
    lines.push('');
    const number = `${i + 1}.`.padEnd(indent.length - 1);
    lines.push(
      `${number} ${s.bold(stage.type)}  ${stage.status}  ${s.dim(`${stage.id} · ${formatDate(stage.createdAt)}`)}`,
    );
    if (stage.prompt.trim()) lines.push(`${indent}${oneLine(stage.prompt, textWidth)}`);
    if (stage.result.trim()) lines.push(`${indent}→ ${oneLine(stage.result, textWidth - 2)}`);
    for (const a of stage.artifacts) lines.push(`${indent}• ${artifactLine(a, s)}`);
  });
  return lines;
}

function section(title: string, text: string, s: Styles): string[] {
  return ['', s.bold(title), text.trimEnd()];
}

export function stageView(stage: Stage, artifacts: ArtifactSummary[], s: Styles): string[] {
  const lines = [
    `${s.bold(stage.id)}  ${stage.type}  ${stage.status}`,
    s.dim(
      `journey ${stage.journeyId} · created ${formatDate(stage.createdAt)} · updated ${formatDate(stage.updatedAt)}`,
    ),
  ];
  if (stage.prompt.trim()) lines.push(...section('Prompt', stage.prompt, s));
  if (stage.result.trim()) lines.push(...section('Result', stage.result, s));
  if (stage.thinking?.trim()) lines.push(...section('Thinking', stage.thinking, s));
  if (artifacts.length > 0) {
    lines.push('', s.bold('Artifacts'));
    for (const a of artifacts) lines.push(`• ${artifactLine(a, s)}`);
  }
  return lines;
}

/** One dim line about an artifact, written to stderr so stdout carries exactly the content. */
export function artifactHeader(a: Artifact): string {
  return `${a.id} · ${a.type} · ${a.title} · stage ${a.stageId} · updated ${formatDate(a.updatedAt)}`;
}
