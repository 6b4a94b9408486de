import type { ArtifactDto, ArtifactSummaryDto, JourneyDto } from '../protocol';
import type { Artifact, ArtifactLocation, ArtifactSummary, JourneyWithStages } from '../store';

// Store rows → protocol DTOs. Explicit field by field, so nothing the webview should not see leaks by spread.

export function toArtifactDto(artifact: Artifact, location: ArtifactLocation | undefined): ArtifactDto {
  return {
    id: artifact.id,
    type: artifact.type,
    title: artifact.title,
    content: artifact.content,
    metadata: artifact.metadata,
    createdAt: artifact.createdAt,
    updatedAt: artifact.updatedAt,
    ...(location && {
      place: {
        journeyId: location.journeyId,
        journeyInput: location.journeyInput,
        stageId: location.stageId,
        stageType: location.stageType,
      },
    }),
  };
}

export function toArtifactSummaryDto(summary: ArtifactSummary): ArtifactSummaryDto {
  return {
    id: summary.id,
    type: summary.type,
    title: summary.title,
    metadata: summary.metadata,
    contentBytes: summary.contentBytes,
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
  };
}

export function toJourneyDto(journey: JourneyWithStages): JourneyDto {
  return {
    id: journey.id,
    input: journey.input,
    status: journey.status,
    settings: { ...journey.settings },
    createdAt: journey.createdAt,
    updatedAt: journey.updatedAt,
    stages: journey.stages.map((stage) => ({
      id: stage.id,
      type: stage.type,
      status: stage.status,
      prompt: stage.prompt,
      result: stage.result,
      ...(stage.thinking !== undefined && { thinking: stage.thinking }),
      createdAt: stage.createdAt,
      updatedAt: stage.updatedAt,
      artifacts: stage.artifacts.map(toArtifactSummaryDto),
    })),
  };
}
