import * as vscode from 'vscode';
import type { StoreChange, StoreHost } from '../host/storeHost';
import { StoreError, toStoreError, type Artifact, type Journey, type Stage, type Store } from '../store';
import {
  artifactFileName,
  journeySegment,
  SCHEME,
  stageSegment,
  targetFromQuery,
  targetQuery,
  type PerpetuaTarget,
} from './artifactPaths';
import { extensionFor } from './fileExtensions';
import { stageMarkdown } from './stageMarkdown';

type Resolved =
  | { kind: 'artifact'; artifact: Artifact }
  | { kind: 'stage'; stage: Stage; journey: Journey; position: number }
  | { kind: 'folder'; entries: Array<[string, vscode.FileType]>; mtime: number };

type FileResolved = Exclude<Resolved, { kind: 'folder' }>;

interface Watched {
  uri: vscode.Uri;
  target: PerpetuaTarget;
  /** updated_at when VS Code last looked (stat or read): a different value means "changed". */
  seen: number;
  /** updated_at of the text the editor holds (last read or write): the base a save must still match. */
  base: number | undefined;
}

/** A save that was refused because the artifact changed in the database after the editor read it. */
export interface SaveConflict {
  uri: vscode.Uri;
  artifactId: string;
  title: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function depthOf(kind: PerpetuaTarget['kind']): number {
  return kind === 'artifact' ? 3 : 2;
}

/**
 * The `perpetua:` file system: artifacts as files (read-write), stages as read-only Markdown, journeys and
 * stages as folders (for breadcrumbs). Every read goes to the store, so what an editor shows is what the
 * database holds; saves go back in one transaction and refuse to overwrite a change made elsewhere.
 */
export class ArtifactFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changeEmitter.event;
  private readonly conflictEmitter = new vscode.EventEmitter<SaveConflict>();
  /** Fires when a save is refused because of a change elsewhere (the UI offers Overwrite / Reload). */
  readonly onDidConflict = this.conflictEmitter.event;
  private readonly watched = new Map<string, Watched>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly host: StoreHost) {
    this.subscription = host.onDidChange((change) => this.storeChanged(change));
  }

  // ---- paths ----

  /** The URI of an artifact or stage, with its readable path as of now. Throws NOT_FOUND. */
  uriFor(target: PerpetuaTarget): vscode.Uri {
    const store = this.host.require();
    const path =
      target.kind === 'artifact'
        ? this.artifactPath(store, store.artifacts.getById(target.id))
        : this.stagePath(store, store.stages.getById(target.id));
    return vscode.Uri.from({ scheme: SCHEME, path, query: targetQuery(target) });
  }

  private stagePosition(store: Store, stage: Pick<Stage, 'id' | 'journeyId'>): number {
    return store.stages.listSummaries(stage.journeyId).findIndex((s) => s.id === stage.id) + 1;
  }

  private stageFolder(store: Store, stage: Stage): string {
    const journey = store.journeys.getById(stage.journeyId);
    return `/${journeySegment(journey.input)}/${stageSegment(this.stagePosition(store, stage), stage.type)}`;
  }

  private artifactPath(store: Store, artifact: Artifact): string {
    const stage = store.stages.getById(artifact.stageId);
    return `${this.stageFolder(store, stage)}/${artifactFileName(artifact.title, extensionFor(artifact))}`;
  }

  private stagePath(store: Store, stage: Stage): string {
    return `${this.stageFolder(store, stage)}.md`;
  }

  // ---- resolving a URI ----

  private resolve(uri: vscode.Uri): Resolved {
    let store: Store;
    try {
      store = this.host.require();
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(toStoreError(error).message);
    }
    const target = targetFromQuery(uri.query);
    const segments = uri.path.split('/').filter((s) => s !== '');
    if (!target) {
      if (segments.length === 0) return { kind: 'folder', entries: [], mtime: 0 };
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const own = this.resolveTarget(store, target);
    if (!own) {
      throw vscode.FileSystemError.FileNotFound(
        `This ${target.kind} is no longer in the Perpetua database (it was deleted).`,
      );
    }
    const ownPath =
      own.kind === 'artifact' ? this.artifactPath(store, own.artifact) : this.stagePath(store, own.stage);
    if (ownPath === uri.path) return own;
    // Folders and siblings: breadcrumbs derive them from a file's URI, so they carry that file's query.
    const journey =
      own.kind === 'artifact'
        ? store.journeys.getById(store.stages.getById(own.artifact.stageId).journeyId)
        : own.journey;
    const relative = this.resolveInJourney(store, journey, segments);
    if (relative) return relative;
    // Same depth but another name: the artifact was renamed (or its journey) since the URI was made.
    if (segments.length === depthOf(target.kind)) return own;
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  private resolveTarget(store: Store, target: PerpetuaTarget): FileResolved | undefined {
    if (target.kind === 'artifact') {
      const artifact = store.artifacts.findById(target.id);
      return artifact && { kind: 'artifact', artifact };
    }
    const stage = store.stages.findById(target.id);
    if (!stage) return undefined;
    return {
      kind: 'stage',
      stage,
      journey: store.journeys.getById(stage.journeyId),
      position: this.stagePosition(store, stage),
    };
  }

  private resolveInJourney(store: Store, journey: Journey, segments: string[]): Resolved | undefined {
    const journeyName = journeySegment(journey.input);
    if (segments.length === 0) {
      return {
        kind: 'folder',
        entries: [[journeyName, vscode.FileType.Directory]],
        mtime: journey.updatedAt,
      };
    }
    if (segments[0] !== journeyName) return undefined;
    const stages = store.stages.findByJourneyId(journey.id);
    const named = stages.map((stage, i) => ({
      stage,
      position: i + 1,
      name: stageSegment(i + 1, stage.type),
    }));
    if (segments.length === 1) {
      return {
        kind: 'folder',
        entries: named.flatMap(({ name }): Array<[string, vscode.FileType]> => [
          [name, vscode.FileType.Directory],
          [`${name}.md`, vscode.FileType.File],
        ]),
        mtime: journey.updatedAt,
      };
    }
    const stageFile = named.find(({ name }) => `${name}.md` === segments[1]);
    if (stageFile && segments.length === 2) {
      return { kind: 'stage', stage: stageFile.stage, journey, position: stageFile.position };
    }
    const folder = named.find(({ name }) => name === segments[1]);
    if (!folder) return undefined;
    const artifacts = store.artifacts.findByStageId(folder.stage.id);
    const files = artifacts.map((a) => ({ artifact: a, name: artifactFileName(a.title, extensionFor(a)) }));
    if (segments.length === 2) {
      return {
        kind: 'folder',
        entries: files.map(({ name }) => [name, vscode.FileType.File]),
        mtime: folder.stage.updatedAt,
      };
    }
    const file = segments.length === 3 ? files.find(({ name }) => name === segments[2]) : undefined;
    return file && { kind: 'artifact', artifact: file.artifact };
  }

  private contentOf(resolved: FileResolved): string {
    return resolved.kind === 'artifact'
      ? resolved.artifact.content
      : stageMarkdown(resolved.journey, resolved.stage, resolved.position);
  }

  private remember(uri: vscode.Uri, resolved: Resolved, read: boolean): void {
    if (resolved.kind === 'folder') return;
    const target: PerpetuaTarget =
      resolved.kind === 'artifact'
        ? { kind: 'artifact', id: resolved.artifact.id }
        : { kind: 'stage', id: resolved.stage.id };
    const version = resolved.kind === 'artifact' ? resolved.artifact.updatedAt : resolved.stage.updatedAt;
    const key = uri.toString();
    const entry = this.watched.get(key) ?? { uri, target, seen: version, base: undefined };
    entry.seen = version;
    if (read) entry.base = version;
    this.watched.set(key, entry);
  }

  // ---- FileSystemProvider ----

  watch(): vscode.Disposable {
    // Changes are announced for every file VS Code has looked at (see storeChanged), so nothing to set up.
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const resolved = this.resolve(uri);
    if (resolved.kind === 'folder') {
      return {
        type: vscode.FileType.Directory,
        ctime: 0,
        mtime: resolved.mtime,
        size: 0,
        permissions: vscode.FilePermission.Readonly,
      };
    }
    this.remember(uri, resolved, false);
    const stat: vscode.FileStat = {
      type: vscode.FileType.File,
      ctime: resolved.kind === 'artifact' ? resolved.artifact.createdAt : resolved.stage.createdAt,
      mtime: resolved.kind === 'artifact' ? resolved.artifact.updatedAt : resolved.stage.updatedAt,
      size: Buffer.byteLength(this.contentOf(resolved), 'utf8'),
    };
    // Stages are written by Perpetua itself; only artifacts are editable here.
    if (resolved.kind === 'stage') stat.permissions = vscode.FilePermission.Readonly;
    return stat;
  }

  readDirectory(uri: vscode.Uri): Array<[string, vscode.FileType]> {
    const resolved = this.resolve(uri);
    if (resolved.kind !== 'folder') throw vscode.FileSystemError.FileNotADirectory(uri);
    return resolved.entries;
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const resolved = this.resolve(uri);
    if (resolved.kind === 'folder') throw vscode.FileSystemError.FileIsADirectory(uri);
    this.remember(uri, resolved, true);
    return encoder.encode(this.contentOf(resolved));
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const target = targetFromQuery(uri.query);
    if (!target) {
      throw vscode.FileSystemError.NoPermissions(
        options.create
          ? 'New files cannot be created in Perpetua; use "Save As…" to save into a folder of your own.'
          : uri,
      );
    }
    const resolved = this.resolve(uri);
    if (resolved.kind !== 'artifact') {
      throw vscode.FileSystemError.NoPermissions('Stages are read-only here; only artifacts can be edited.');
    }
    let text: string;
    try {
      text = decoder.decode(content);
    } catch {
      throw vscode.FileSystemError.NoPermissions('Artifacts hold text; this content is not valid UTF-8.');
    }
    const artifact = resolved.artifact;
    const key = uri.toString();
    const expectedUpdatedAt = this.watched.get(key)?.base ?? artifact.updatedAt;
    let updated: Artifact;
    try {
      updated = this.host.write((store) =>
        store.transaction(() =>
          store.artifacts.update(artifact.id, { content: text }, { expectedUpdatedAt }),
        ),
      );
    } catch (error) {
      const e = toStoreError(error, 'saving an artifact');
      if (e.code === 'CONFLICT') {
        this.conflictEmitter.fire({ uri, artifactId: artifact.id, title: artifact.title });
        throw new vscode.FileSystemError(
          `"${artifact.title}" changed in the Perpetua database after you opened it, so it was not overwritten.`,
        );
      }
      if (e.code === 'NOT_FOUND') {
        throw vscode.FileSystemError.FileNotFound(
          `"${artifact.title}" was deleted from the Perpetua database; use "Save As…" to keep your text.`,
        );
      }
      throw vscode.FileSystemError.Unavailable(e.message);
    }
    this.remember(uri, { kind: 'artifact', artifact: updated }, true);
    this.changeEmitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** After "Overwrite" or "Reload": the editor's text is based on what the database holds now. */
  acceptCurrentVersion(uri: vscode.Uri): void {
    const entry = this.watched.get(uri.toString());
    const target = targetFromQuery(uri.query);
    if (!entry || target?.kind !== 'artifact') return;
    const current = this.host.current()?.artifacts.findSummaryById(target.id);
    if (current) entry.base = current.updatedAt;
  }

  createDirectory(uri: vscode.Uri): void {
    // VS Code makes the parent folders when it saves a file that is gone: say why the file is gone.
    const target = targetFromQuery(uri.query);
    if (target && !this.resolveTarget(this.host.require(), target)) {
      throw vscode.FileSystemError.FileNotFound(
        `This ${target.kind} was deleted from the Perpetua database; use "Save As…" to keep your text.`,
      );
    }
    throw vscode.FileSystemError.NoPermissions(
      'Folders in Perpetua are journeys and stages; they cannot be made here.',
    );
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete artifacts and journeys from the Perpetua view.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Artifacts cannot be renamed or moved as files.');
  }

  // ---- change notification ----

  /** Any write (ours, another program's, a reopened database): tell VS Code which open files changed. */
  private storeChanged(change: StoreChange): void {
    // A database that cannot be opened says nothing about whether the files still exist.
    const store = this.host.current();
    if (!store) return;
    const events: vscode.FileChangeEvent[] = [];
    for (const [key, entry] of this.watched) {
      let version: number | undefined;
      try {
        version =
          entry.target.kind === 'artifact'
            ? store.artifacts.findSummaryById(entry.target.id)?.updatedAt
            : store.stages.findById(entry.target.id)?.updatedAt;
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        version = undefined;
      }
      if (version === undefined) {
        events.push({ type: vscode.FileChangeType.Deleted, uri: entry.uri });
        this.watched.delete(key);
      } else if (version !== entry.seen || change === 'reopened') {
        entry.seen = version;
        events.push({ type: vscode.FileChangeType.Changed, uri: entry.uri });
      }
    }
    if (events.length > 0) this.changeEmitter.fire(events);
  }

  /** Forgets a closed editor's file (it is looked up again if it is opened again). */
  forget(uri: vscode.Uri): void {
    this.watched.delete(uri.toString());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
    this.conflictEmitter.dispose();
  }
}
