import type { JourneyStatus } from '../store';

export type JourneyAction = 'pause' | 'resume' | 'stop' | 'complete';

/** Which status each action leads to, and from which statuses it makes sense (mirrored in package.json menus). */
export const TRANSITIONS: Record<JourneyAction, { to: JourneyStatus; from: readonly JourneyStatus[] }> = {
  pause: { to: 'paused', from: ['running'] },
  resume: { to: 'running', from: ['paused'] },
  stop: { to: 'stopped', from: ['running', 'paused'] },
  complete: { to: 'complete', from: ['running', 'paused', 'stopped', 'error'] },
};

export function canApply(action: JourneyAction, status: JourneyStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}
