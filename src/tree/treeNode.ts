import type { ArtifactNode } from './artifactNode';
import type { JourneyNode } from './journeyNode';
import type { LoadMoreNode } from './loadMoreNode';
import type { MessageNode } from './messageNode';
import type { StageNode } from './stageNode';
import type { StatusGroupNode } from './statusGroupNode';

/** Everything the journeys tree can show; `kind` tells them apart. */
export type TreeNode = JourneyNode | StageNode | ArtifactNode | StatusGroupNode | LoadMoreNode | MessageNode;

/** The parents a list of journeys can have: the root (undefined) or a status group. */
export type JourneyListParent = StatusGroupNode | undefined;
