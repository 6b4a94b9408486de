import { randomBytes } from 'node:crypto';

// Ids are `<prefix>_<time><sequence><random>`: they sort by creation time (to the millisecond across processes,
// strictly within one process) and random bits make collisions between processes negligible.
const TIME_WIDTH = 9; // base-36 milliseconds: enough until the year 5188
const SEQUENCE_WIDTH = 4;
const RANDOM_BYTES = 8;

let lastTime = 0;
let sequence = 0;

export function generateId(prefix: string, now: number = Date.now()): string {
  if (!/^[a-z][a-z0-9]*$/.test(prefix)) throw new Error(`Invalid id prefix "${prefix}"`);
  if (now <= lastTime) {
    sequence += 1;
    if (sequence >= 36 ** SEQUENCE_WIDTH) {
      lastTime += 1;
      sequence = 0;
    }
  } else {
    lastTime = now;
    sequence = 0;
  }
  const time = lastTime.toString(36).padStart(TIME_WIDTH, '0');
  const seq = sequence.toString(36).padStart(SEQUENCE_WIDTH, '0');
  const random = BigInt('0x' + randomBytes(RANDOM_BYTES).toString('hex'))
    .toString(36)
    .padStart(13, '0');
  return `${prefix}_${time}${seq}${random}`;
}
