import * as vscode from 'vscode';
import type { ArtifactType, JourneyStatus, StageStatus } from '../store';

// Theme icons with theme colours, so the tree follows light, dark and high-contrast themes.
const JOURNEY_ICONS: Record<JourneyStatus, [string, string]> = {
  running: ['sync~spin', 'charts.blue'],
  paused: ['debug-pause', 'charts.yellow'],
  stopped: ['circle-slash', 'disabledForeground'],
  complete: ['pass', 'testing.iconPassed'],
  error: ['error', 'errorForeground'],
};

const STAGE_ICONS: Record<StageStatus, [string, string | undefined]> = {
  pending: ['circle-large-outline', 'disabledForeground'],
  running: ['loading~spin', 'charts.blue'],
  complete: ['check', 'testing.iconPassed'],
  error: ['error', 'errorForeground'],
};

const ARTIFACT_ICONS: Record<ArtifactType, string> = {
  document: 'note',
  code: 'code',
  visualization: 'graph',
  mindmap: 'type-hierarchy',
  other: 'file',
};

function icon([id, color]: [string, string | undefined]): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

export function journeyStatusIcon(status: JourneyStatus): vscode.ThemeIcon {
  return icon(JOURNEY_ICONS[status]);
}

export function stageStatusIcon(status: StageStatus): vscode.ThemeIcon {
  return icon(STAGE_ICONS[status]);
}

export function artifactTypeIcon(type: ArtifactType): vscode.ThemeIcon {
  return new vscode.ThemeIcon(ARTIFACT_ICONS[type]);
}
