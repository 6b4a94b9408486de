// Command arguments come from tree nodes, other commands, links and tests; read ids out of any of them.

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** An artifact id from a string or an artifact tree node (`{ kind: 'artifact', id }`). */
export function artifactIdOf(value: unknown): string | undefined {
  const node = record(value);
  if (node?.kind === 'artifact') return text(node.id);
  return text(value);
}

/** A journey id (and a stage to scroll to) from ids, or from a journey or stage tree node. */
export function journeyTargetOf(
  value: unknown,
  stage: unknown,
): { journeyId: string; stageId?: string } | undefined {
  const node = record(value);
  const stageId = text(stage);
  if (node?.kind === 'journey') {
    const journeyId = text(node.id);
    return journeyId ? { journeyId, ...(stageId && { stageId }) } : undefined;
  }
  if (node?.kind === 'stage') {
    const journeyId = text(record(node.stage)?.journeyId);
    const ownId = text(node.id);
    return journeyId ? { journeyId, ...(ownId && { stageId: ownId }) } : undefined;
  }
  const journeyId = text(value);
  return journeyId ? { journeyId, ...(stageId && { stageId }) } : undefined;
}
