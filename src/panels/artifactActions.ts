import * as vscode from 'vscode';
import type { Artifact, Store } from '../store';

const SOURCE_COMMANDS = ['perpetua.openArtifactSource', 'perpetua.openArtifact'];

const EXTENSIONS: Record<string, string> = {
  markdown: 'md',
  mermaid: 'mmd',
  svg: 'svg',
  json: 'json',
  'vega-lite': 'vl.json',
  vega: 'vg.json',
  typescript: 'ts',
  javascript: 'js',
  python: 'py',
  rust: 'rs',
  go: 'go',
  sql: 'sql',
  shell: 'sh',
};

/** Opens the artifact's text in an editor: the search feature's `perpetua:` tab when it is there. */
export async function openArtifactSource(store: Store, artifactId: string): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  const command = SOURCE_COMMANDS.find((id) => commands.includes(id));
  if (command) {
    await vscode.commands.executeCommand(command, artifactId);
    return;
  }
  const artifact = store.artifacts.getById(artifactId);
  const document = await vscode.workspace.openTextDocument({
    content: artifact.content,
    language: languageOf(artifact),
  });
  await vscode.window.showTextDocument(document, { preview: true });
}

function languageOf(artifact: Artifact): string {
  const format = typeof artifact.metadata.format === 'string' ? artifact.metadata.format : undefined;
  const language = typeof artifact.metadata.language === 'string' ? artifact.metadata.language : undefined;
  if (artifact.type === 'code') return language ?? 'plaintext';
  if (artifact.type === 'document' || format === 'markdown') return 'markdown';
  if (format === 'json' || format === 'vega-lite' || format === 'vega') return 'json';
  if (format === 'svg') return 'xml';
  return 'plaintext';
}

export function exportFileName(artifact: Artifact): string {
  const hint = artifact.metadata.format ?? artifact.metadata.language;
  const format = typeof hint === 'string' ? hint.toLowerCase() : '';
  const extension =
    EXTENSIONS[format] ?? (artifact.type === 'document' ? 'md' : artifact.type === 'mindmap' ? 'md' : 'txt');
  const base =
    artifact.title
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'artifact';
  return base.includes('.') && artifact.type === 'code' ? base : `${base}.${extension}`;
}

/** Saves the artifact's content where the person chooses. */
export async function exportArtifact(store: Store, artifactId: string): Promise<vscode.Uri | undefined> {
  const artifact = store.artifacts.getById(artifactId);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = exportFileName(artifact);
  const target = await vscode.window.showSaveDialog({
    title: `Export "${artifact.title}"`,
    saveLabel: 'Export',
    ...(folder && { defaultUri: vscode.Uri.joinPath(folder, name) }),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(artifact.content));
  void vscode.window.showInformationMessage(
    `Exported "${artifact.title}" to ${target.fsPath || target.toString()}.`,
  );
  return target;
}
